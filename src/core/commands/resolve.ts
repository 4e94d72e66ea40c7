import { requireCaseParty } from "../complaint/access.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { markDeadlineMet } from "../deadlines/met.ts";
import { ComplaintError, ErrorCode, notFound } from "../errors.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

/** The reply fields of seed 001 (domain rules section 5): all of them are required. */
export default defineCommand({
  name: "resolve",
  summary:
    "Record the reply to the customer with every field the regulations ask for; the owner is asked to call back",
  permission: { minRole: "handler", scope: "case" },
  examples: [
    'complaint resolve id:TS-2611-0001 result:"Refunded the duplicate charge" cause:operation-error handler:bob phone:13900139000 dept:billing contacted:yes satisfied:yes resolved:yes promised:2026-11-25T18:00+08:00',
  ],
  options: (policy) => ({
    id: complaintId(),
    result: opt.longText({
      help: "what was done for the customer",
      required: true,
      max: policy.limits.contentMaxChars,
    }),
    cause: opt.choice({
      help: "the cause found",
      required: true,
      choices: policy.causes.map((c) => c.id),
    }),
    handler: opt.staff({ help: "who handled it", required: true }),
    phone: opt.contact({ help: "the handler's phone", required: true }),
    dept: opt.department({ help: "the responsible department", required: true }),
    contacted: opt.boolean({ help: "was the customer contacted?", required: true }),
    satisfied: opt.boolean({ help: "is the customer satisfied?", required: true }),
    resolved: opt.boolean({ help: "is the problem fully resolved?", required: true }),
    promised: opt.time({
      help: "resolution time promised to the customer",
      required: true,
      timeZone: policy.timezone,
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, now, policy }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "resolve it");
    const handler = await repos.staff.find(args.handler);
    if (!handler)
      throw new ComplaintError(
        ErrorCode.UnknownStaff,
        `handler: ${args.handler} is not in the staff directory`,
      );
    if (!(await repos.departments.find(args.dept)))
      throw notFound(`dept: there is no department ${args.dept}`);
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
    const next = policy.lifecycle.callbackRequired
      ? `Next: complaint callback id:${updated.number} satisfied:yes|no resolved:yes|no`
      : `Next: complaint close id:${updated.number}`;
    return {
      text: `${updated.number} resolved. ${next}`,
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
