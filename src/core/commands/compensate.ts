import { requireCaseParty } from "../complaint/access.ts";
import { isOpen } from "../complaint/lifecycle.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { approverRoleFor, findApprover, toCents } from "../compensation/routing.ts";
import { invalidState, validationError } from "../errors.ts";
import { yearMonthCode } from "../time/zoned.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId } from "./shared-options.ts";

export default defineCommand({
  name: "compensate",
  summary:
    "Request compensation for a customer: capped by the loss, routed to the approver of its amount",
  permission: { minRole: "handler", scope: "case" },
  examples: [
    'complaint compensate id:TS-2611-0001 amount:120000 loss:50000 reason:"Spoiled shipment, rework and re-delivery"',
  ],
  options: (policy) => ({
    id: complaintId(),
    amount: opt.money({
      help: `compensation asked for (${policy.compensation.currency})`,
      required: true,
    }),
    loss: opt.money({ help: "the customer's actual loss", required: true }),
    reason: opt.longText({
      help: "why (the written application)",
      required: true,
      max: policy.limits.reasonMaxChars,
    }),
  }),
  async handler(args, { actor, repos, policy, now }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "request compensation on it");
    if (!isOpen(c.status) || c.status === "invalid") {
      throw invalidState(
        `${c.number} is ${c.status}; compensation is requested while a case is handled`,
      );
    }
    const amount = toCents(args.amount);
    const loss = toCents(args.loss);
    const cap = loss * policy.compensation.capMultipleOfLoss;
    if (amount <= 0) throw validationError("amount: must be more than 0", { amount: "zero" });
    if (amount > cap) {
      throw validationError(
        `amount: ${args.amount} is above the cap of ${policy.compensation.capMultipleOfLoss} × the loss ${args.loss} = ${(cap / 100).toFixed(2)} (policy compensation.capMultipleOfLoss, seed 001)`,
        { amount: "above the cap" },
      );
    }
    const role = approverRoleFor(policy, amount);
    const approver = await findApprover(repos, role, actor, c.departmentId);
    if (!approver) {
      throw invalidState(
        `nobody but you can approve ${args.amount} (it needs a ${role}); add one with complaint staff add … role:${role}`,
      );
    }
    const period = yearMonthCode(now, policy.timezone);
    const id = `CP-${period}-${String(await repos.counters.next("compensation", period)).padStart(4, "0")}`;
    const request = await repos.compensations.insert({
      id,
      complaintId: c.id,
      amount: args.amount,
      loss: args.loss,
      reason: args.reason,
      requestedById: actor.id,
      approverRole: role,
      approverId: approver.id,
      status: "pending",
    });
    await applyChange(repos, actor, c, {
      action: "compensation.requested",
      patch: {},
      detail: {
        compensation: id,
        amount: args.amount,
        loss: args.loss,
        approver: approver.id,
        role,
      },
      event: {
        compensationId: id,
        approverId: approver.id,
        amount: args.amount,
        loss: args.loss,
        currency: policy.compensation.currency,
        reason: args.reason.slice(0, 200),
      },
    });
    return {
      text: `Compensation ${request.id} for ${args.amount} ${policy.compensation.currency} on ${c.number} is waiting for ${approver.id} (${role})`,
      fields: [
        { label: "Request", value: request.id },
        { label: "Amount", value: `${args.amount} ${policy.compensation.currency}` },
        { label: "Loss", value: args.loss },
        { label: "Approver", value: `${approver.id} (${role})` },
      ],
    };
  },
});
