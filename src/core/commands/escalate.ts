import { requireCaseParty } from "../complaint/access.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { invalidState } from "../errors.ts";
import { mayBeAssigned } from "../staff/role.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "escalate",
  summary:
    "The customer asks for a supervisor: the assignee's manager becomes responsible and is told",
  permission: { minRole: "agent", scope: "case" },
  examples: ['complaint escalate id:TS-2611-0001 reason:"Customer asks for a supervisor"'],
  options: (policy) => ({
    id: complaintId(),
    reason: opt.longText({
      help: "why it is escalated",
      required: true,
      max: policy.limits.reasonMaxChars,
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "escalate it");
    if (!["registered", "triaged", "assigned", "in_progress"].includes(c.status)) {
      throw invalidState(
        `${c.number} is ${c.status.replace("_", " ")}; only a case being handled can be escalated`,
      );
    }
    const fromId = c.assigneeId ?? c.ownerId;
    const from = await repos.staff.find(fromId);
    const manager = from?.managerId ? await repos.staff.find(from.managerId) : null;
    if (!manager?.active || !mayBeAssigned(manager)) {
      throw invalidState(
        `${fromId} has no active manager to escalate to; an admin sets one with complaint staff edit id:${fromId} manager:<staff-id>`,
      );
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
      text: `${updated.number} escalated from ${fromId} to ${manager.id} (${manager.name}), who is now responsible`,
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
