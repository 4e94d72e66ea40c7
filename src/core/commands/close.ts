import { requireCaseParty } from "../complaint/access.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { invalidState } from "../errors.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "close",
  summary: "Close a complaint after the callback (or an invalid one)",
  permission: { minRole: "agent", scope: "case" },
  examples: [
    "complaint close id:TS-2611-0001",
    'complaint close id:TS-2611-0001 note:"Customer accepted the refund"',
  ],
  options: (policy) => ({
    id: complaintId(),
    note: opt.longText({
      help: "closing note",
      required: false,
      max: policy.limits.reasonMaxChars,
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, now, policy }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "close it");
    if (c.status === "resolved" && policy.lifecycle.callbackRequired) {
      throw invalidState(
        `${c.number} is resolved but the customer has not been called back; ` +
          `complaint callback id:${c.number} satisfied:yes|no resolved:yes|no comes first`,
      );
    }
    if (c.status === "closed") throw invalidState(`${c.number} is already closed`);
    const updated = await applyChange(repos, actor, c, {
      action: "complaint.closed",
      transition: policy.lifecycle.callbackRequired ? "close" : "closeWithoutCallback",
      patch: { closedAt: now, closedById: actor.id, closeReason: args.note ?? null },
      event: { ownerId: c.ownerId, assigneeId: c.assigneeId },
      ...(args.version === undefined ? {} : { expectedVersion: args.version }),
    });
    return {
      text: `${updated.number} closed`,
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
