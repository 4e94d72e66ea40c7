import { requireCaseParty } from "../complaint/access.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { markDeadlineMet } from "../deadlines/met.ts";
import { notFound, unknownStaff } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

/** The reply fields of seed 001 (domain rules section 5): all of them are required. */
export default defineCommand({
  name: "resolve",
  summary: msg("cmd.resolve"),
  permission: { minRole: "handler", scope: "case" },
  examples: [
    'complaint resolve id:TS-2611-0001 result:"Refunded the duplicate charge" cause:operation-error handler:bob phone:13900139000 dept:billing contacted:yes satisfied:yes resolved:yes promised:2026-11-25T18:00+08:00',
  ],
  options: (policy) => ({
    id: complaintId(),
    result: opt.longText({
      help: msg("arg.resolve.result"),
      required: true,
      max: policy.limits.contentMaxChars,
    }),
    cause: opt.choice({
      help: msg("arg.resolve.cause"),
      required: true,
      choices: policy.causes.map((c) => c.id),
    }),
    handler: opt.staff({ help: msg("arg.resolve.handler"), required: true }),
    phone: opt.contact({ help: msg("arg.resolve.phone"), required: true }),
    dept: opt.department({ help: msg("arg.resolve.dept"), required: true }),
    contacted: opt.boolean({ help: msg("arg.resolve.contacted"), required: true }),
    satisfied: opt.boolean({ help: msg("arg.resolve.satisfied"), required: true }),
    resolved: opt.boolean({ help: msg("arg.fullyResolved"), required: true }),
    promised: opt.time({
      help: msg("arg.resolve.promised"),
      required: true,
      timeZone: policy.timezone,
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, now, policy, t }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "resolve");
    const handler = await repos.staff.find(args.handler);
    if (!handler) throw unknownStaff(msg("resolve.unknownHandler", { id: args.handler }));
    if (!(await repos.departments.find(args.dept)))
      throw notFound(msg("resolve.noDept", { dept: args.dept }));
    const updated = await applyChange(repos, actor, c, {
      action: "complaint.resolved",
      transition: "resolve",
      patch: {
        resolution: args.result,
        resolvedAt: now,
        resolvedById: actor.id,
        resolutionCause: args.cause,
        handlerId: handler.id,
        handlerPhone: args.phone,
        responsibleDeptId: args.dept,
        customerContacted: args.contacted,
        customerSatisfied: args.satisfied,
        fullyResolved: args.resolved,
        promisedAt: args.promised,
      },
      event: { ownerId: c.ownerId, assigneeId: c.assigneeId },
      ...(args.version === undefined ? {} : { expectedVersion: args.version }),
    });
    await markDeadlineMet(repos, c.id, "result", now);
    if (args.contacted) await markDeadlineMet(repos, c.id, "first_reply", now);
    return {
      text: t("resolve.done", {
        number: updated.number,
        callbackRequired: policy.lifecycle.callbackRequired,
      }),
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
