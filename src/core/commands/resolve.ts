import { requireCaseParty } from "../complaint/access.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "resolve",
  summary: "Record the result given to the customer; the owner is asked to call back",
  permission: { minRole: "handler", scope: "case" },
  examples: ['complaint resolve id:TS-2611-0001 result:"Refunded the duplicate charge"'],
  options: (policy) => ({
    id: complaintId(),
    result: opt.longText({
      help: "what was done for the customer",
      required: true,
      max: policy.limits.contentMaxChars,
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, now, policy }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "resolve it");
    const updated = await applyChange(repos, actor, c, {
      action: "complaint.resolved",
      transition: "resolve",
      patch: { resolution: args.result, resolvedAt: now, resolvedById: actor.id },
      event: { ownerId: c.ownerId, assigneeId: c.assigneeId },
      ...(args.version === undefined ? {} : { expectedVersion: args.version }),
    });
    const next = policy.lifecycle.callbackRequired
      ? `Next: complaint callback id:${updated.number} satisfied:yes|no resolved:yes|no`
      : `Next: complaint close id:${updated.number}`;
    return {
      text: `${updated.number} resolved. ${next}`,
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
