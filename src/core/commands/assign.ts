import { requireCaseParty } from "../complaint/access.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { forbidden, invalidState, unknownStaff } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { mayBeAssigned } from "../staff/role.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "assign",
  summary: msg("cmd.assign"),
  permission: { minRole: "agent", scope: "case" },
  examples: ["complaint assign id:TS-2611-0001 to:bob"],
  options: () => ({
    id: complaintId(),
    to: opt.staff({ help: msg("arg.assign.to"), required: true }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, t }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "assign");
    const assignee = await repos.staff.find(args.to);
    if (!assignee) {
      throw unknownStaff(msg("assign.unknownStaff", { id: args.to }));
    }
    if (!assignee.active) throw invalidState(msg("assign.deactivated", { id: assignee.id }));
    if (!mayBeAssigned(assignee)) {
      throw forbidden(msg("assign.notAssignable", { id: assignee.id, role: assignee.role }));
    }
    if (c.assigneeId === assignee.id && c.status !== "registered" && c.status !== "triaged") {
      throw invalidState(msg("assign.already", { number: c.number, id: assignee.id }));
    }
    const updated = await applyChange(repos, actor, c, {
      action: "complaint.assigned",
      transition: "assign",
      patch: { assigneeId: assignee.id, departmentId: c.departmentId ?? assignee.departmentId },
      detail: { previousAssignee: c.assigneeId },
      event: {
        assigneeId: assignee.id,
        previousAssigneeId: c.assigneeId,
        excerpt: c.content.slice(0, 140),
        channel: c.channel,
        severity: c.severity,
      },
      ...(args.version === undefined ? {} : { expectedVersion: args.version }),
    });
    return {
      text: t("assign.done", { number: updated.number, id: assignee.id, name: assignee.name }),
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
