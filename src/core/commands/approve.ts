import { applyChange } from "../complaint/mutate.ts";
import { forbidden, invalidState, notFound } from "../errors.ts";
import { roleAtLeast } from "../staff/role.ts";
import { formatWallTime } from "../time/zoned.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "approve",
  summary: "Approve or reject a compensation request (the Approve / Reject buttons run this)",
  permission: { minRole: "dept-manager", scope: "any" },
  examples: ['complaint approve id:CP-2611-0001 decision:approve note:"Within budget"'],
  options: (policy) => ({
    id: opt.compensation({ help: "compensation request id, e.g. CP-2611-0001", required: true }),
    decision: opt.choice({
      help: "approve or reject",
      required: true,
      choices: ["approve", "reject"] as const,
    }),
    note: opt.longText({ help: "why", required: false, max: policy.limits.reasonMaxChars }),
  }),
  async handler(args, { actor, repos, now, policy }) {
    const request = await repos.compensations.find(args.id);
    if (!request) throw notFound(`there is no compensation request ${args.id}`);
    if (request.status !== "pending") {
      throw invalidState(
        `${request.id} was already ${request.status} by ${request.decidedById ?? "?"}${request.decidedAt ? ` at ${formatWallTime(request.decidedAt, policy.timezone)}` : ""}; nothing changed`,
      );
    }
    if (request.requestedById === actor.id) throw forbidden("nobody approves their own request");
    // The routed approver, or anyone strictly above the tier; admins run the system, not the money.
    const above =
      actor.role !== "admin" &&
      actor.role !== request.approverRole &&
      roleAtLeast(actor.role, request.approverRole);
    const mayDecide = request.approverId === actor.id || above;
    if (!mayDecide) {
      throw forbidden(
        `${request.id} is for ${request.approverId ?? "?"} (${request.approverRole}) or someone above`,
      );
    }
    const status = args.decision === "approve" ? "approved" : "rejected";
    const decided = await repos.compensations.decide(request.id, {
      status,
      decidedById: actor.id,
      decidedAt: now,
      note: args.note ?? null,
    });
    if (!decided)
      throw invalidState(`${request.id} was decided by someone else a moment ago; nothing changed`);
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
      text: `${request.id} ${status}: ${request.amount} ${policy.compensation.currency} on ${complaint?.number ?? "?"}`,
    };
  },
});
