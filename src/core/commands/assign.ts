import { requireCaseParty } from "../complaint/access.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { forbidden, invalidState, ComplaintError, ErrorCode } from "../errors.ts";
import { mayBeAssigned } from "../staff/role.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "assign",
  summary: "Assign a complaint to a handler (or reassign it); they get a DM",
  permission: { minRole: "agent", scope: "case" },
  examples: ["complaint assign id:TS-2611-0001 to:bob"],
  options: () => ({
    id: complaintId(),
    to: opt.staff({ help: "staff id of the handler", required: true }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "assign it");
    const assignee = await repos.staff.find(args.to);
    if (!assignee) {
      throw new ComplaintError(
        ErrorCode.UnknownStaff,
        `${args.to} is not in the staff directory; complaint staff list shows who is`,
      );
    }
    if (!assignee.active)
      throw invalidState(`${assignee.id} is deactivated and cannot take complaints`);
    if (!mayBeAssigned(assignee)) {
      throw forbidden(
        `${assignee.id} is ${assignee.role === "admin" ? "an admin" : "an agent"}; complaints go to handlers or managers`,
      );
    }
    if (c.assigneeId === assignee.id && c.status !== "registered" && c.status !== "triaged") {
      throw invalidState(`${c.number} is already assigned to ${assignee.id}`);
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
      text: `${updated.number} assigned to ${assignee.id} (${assignee.name})`,
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
