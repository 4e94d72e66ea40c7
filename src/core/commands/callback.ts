import { requireCaseParty } from "../complaint/access.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { msg } from "../i18n/translate.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "callback",
  summary: msg("cmd.callback"),
  permission: { minRole: "agent", scope: "case" },
  examples: ["complaint callback id:TS-2611-0001 satisfied:yes resolved:yes"],
  options: (policy) => ({
    id: complaintId(),
    satisfied: opt.boolean({ help: msg("arg.callback.satisfied"), required: true }),
    resolved: opt.boolean({ help: msg("arg.fullyResolved"), required: true }),
    note: opt.longText({
      help: msg("arg.callback.note"),
      required: false,
      max: policy.limits.noteMaxChars,
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, now, t }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "callback");
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
        ? t("callback.satisfied", { number: updated.number })
        : t("callback.unsatisfied", {
            number: updated.number,
            assignee: updated.assigneeId,
            count: updated.rehandleCount,
          }),
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
