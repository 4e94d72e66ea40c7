import { applyChange } from "../complaint/mutate.ts";
import { pendingApprovals } from "../compensation/pending.ts";
import { forbidden, invalidState, notFound, validationError } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { roleAtLeast } from "../staff/role.ts";
import { formatWallTime } from "../time/zoned.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "approve",
  summary: msg("cmd.approve"),
  permission: { minRole: "dept-manager", scope: "any" },
  examples: [
    'complaint approve id:CP-2611-0001 decision:approve note:"Within budget"',
    "complaint approve",
  ],
  options: (policy) => ({
    id: opt.compensation({ help: msg("arg.approve.id"), required: false }),
    decision: opt.choice({
      help: msg("arg.approve.decision"),
      required: false,
      choices: ["approve", "reject"] as const,
    }),
    note: opt.longText({
      help: msg("arg.why"),
      required: false,
      max: policy.limits.reasonMaxChars,
    }),
  }),
  async handler(args, ctx) {
    const { actor, repos, now, policy, t } = ctx;
    // Without an id: what is waiting for me (the Home tab's "approvals waiting for me").
    if (!args.id) return pendingApprovals(ctx);
    if (!args.decision)
      throw validationError(msg("approve.decisionMissing"), { decision: "missing" });
    const request = await repos.compensations.find(args.id);
    if (!request) throw notFound(msg("approve.notFound", { id: args.id }));
    if (request.status !== "pending") {
      throw invalidState(
        msg("approve.already", {
          id: request.id,
          status: request.status,
          by: request.decidedById ?? "?",
          at: request.decidedAt ? formatWallTime(request.decidedAt, policy.timezone) : null,
        }),
      );
    }
    if (request.requestedById === actor.id) throw forbidden(msg("approve.own"));
    // The routed approver, or anyone strictly above the tier; admins run the system, not the money.
    const above =
      actor.role !== "admin" &&
      actor.role !== request.approverRole &&
      roleAtLeast(actor.role, request.approverRole);
    const mayDecide = request.approverId === actor.id || above;
    if (!mayDecide) {
      throw forbidden(
        msg("approve.notYours", {
          id: request.id,
          approver: request.approverId ?? "?",
          role: request.approverRole,
        }),
      );
    }
    const status = args.decision === "approve" ? "approved" : "rejected";
    const decided = await repos.compensations.decide(request.id, {
      status,
      decidedById: actor.id,
      decidedAt: now,
      note: args.note ?? null,
    });
    if (!decided) throw invalidState(msg("approve.raced", { id: request.id }));
    const complaint = await repos.complaints.findById(request.complaintId);
    if (complaint) {
      await applyChange(repos, actor, complaint, {
        action: "compensation.decided",
        patch: {},
        detail: { compensation: request.id, status, note: args.note ?? null },
        event: {
          compensationId: request.id,
          status,
          requestedById: request.requestedById,
          note: args.note ?? null,
        },
      });
    }
    return {
      text: t("approve.done", {
        id: request.id,
        status,
        amount: request.amount,
        currency: policy.compensation.currency,
        number: complaint?.number ?? "?",
      }),
    };
  },
});
