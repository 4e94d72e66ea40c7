import { requireCaseParty } from "../complaint/access.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { invalidState } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { mayBeAssigned } from "../staff/role.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "escalate",
  summary: msg("cmd.escalate"),
  permission: { minRole: "agent", scope: "case" },
  examples: ['complaint escalate id:TS-2611-0001 reason:"Customer asks for a supervisor"'],
  options: (policy) => ({
    id: complaintId(),
    reason: opt.longText({
      help: msg("arg.escalate.reason"),
      required: true,
      max: policy.limits.reasonMaxChars,
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, t }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "escalate");
    if (!["registered", "triaged", "assigned", "in_progress"].includes(c.status)) {
      throw invalidState(msg("escalate.notHandled", { number: c.number, status: c.status }));
    }
    const fromId = c.assigneeId ?? c.ownerId;
    const from = await repos.staff.find(fromId);
    const manager = from?.managerId ? await repos.staff.find(from.managerId) : null;
    if (!manager?.active || !mayBeAssigned(manager)) {
      throw invalidState(msg("escalate.noManager", { id: fromId }));
    }
    const updated = await applyChange(repos, actor, c, {
      action: "complaint.escalated",
      // A case being worked stays in progress; otherwise it is now assigned to the manager.
      ...(c.status === "in_progress" ? {} : { transition: "assign" as const }),
      patch: { assigneeId: manager.id, escalationLevel: c.escalationLevel + 1 },
      detail: { from: fromId, reason: args.reason },
      event: { fromId, toId: manager.id, reason: args.reason.slice(0, 140) },
      ...(args.version === undefined ? {} : { expectedVersion: args.version }),
    });
    return {
      text: t("escalate.done", {
        number: updated.number,
        from: fromId,
        to: manager.id,
        name: manager.name,
      }),
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
