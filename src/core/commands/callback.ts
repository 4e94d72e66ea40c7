import { requireCaseParty } from "../complaint/access.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "callback",
  summary:
    "Record the callback (回访): satisfied closes the loop, unsatisfied sends it back to work",
  permission: { minRole: "agent", scope: "case" },
  examples: ["complaint callback id:TS-2611-0001 satisfied:yes resolved:yes"],
  options: (policy) => ({
    id: complaintId(),
    satisfied: opt.boolean({ help: "is the customer satisfied with the result?", required: true }),
    resolved: opt.boolean({ help: "is the problem fully resolved?", required: true }),
    note: opt.longText({
      help: "what the customer said",
      required: false,
      max: policy.limits.noteMaxChars,
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, now }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "record its callback");
    const satisfied = args.satisfied;
    const updated = await applyChange(repos, actor, c, {
      action: satisfied ? "complaint.callback_done" : "complaint.rehandle",
      transition: satisfied ? "callbackSatisfied" : "callbackUnsatisfied",
      patch: {
        callbackSatisfied: satisfied,
        callbackResolved: args.resolved,
        callbackAt: now,
        ...(satisfied ? {} : { rehandleCount: c.rehandleCount + 1 }),
      },
      detail: args.note ? { note: args.note } : {},
      event: { satisfied, resolved: args.resolved, assigneeId: c.assigneeId, ownerId: c.ownerId },
      ...(args.version === undefined ? {} : { expectedVersion: args.version }),
    });
    return {
      text: satisfied
        ? `${updated.number}: customer satisfied. Next: complaint close id:${updated.number}`
        : `${updated.number}: customer not satisfied; back in progress with ${updated.assigneeId ?? "nobody"} (re-handle #${updated.rehandleCount})`,
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
