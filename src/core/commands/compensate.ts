import { requireCaseParty } from "../complaint/access.ts";
import { isOpen } from "../complaint/lifecycle.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { approverRoleFor, findApprover, toCents } from "../compensation/routing.ts";
import { invalidState, validationError } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { yearMonthCode } from "../time/zoned.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId } from "./shared-options.ts";

export default defineCommand({
  name: "compensate",
  summary: msg("cmd.compensate"),
  permission: { minRole: "handler", scope: "case" },
  examples: [
    'complaint compensate id:TS-2611-0001 amount:120000 loss:50000 reason:"Spoiled shipment, rework and re-delivery"',
  ],
  options: (policy) => ({
    id: complaintId(),
    amount: opt.money({
      help: msg("arg.compensate.amount", { currency: policy.compensation.currency }),
      required: true,
    }),
    loss: opt.money({ help: msg("arg.compensate.loss"), required: true }),
    reason: opt.longText({
      help: msg("arg.compensate.reason"),
      required: true,
      max: policy.limits.reasonMaxChars,
    }),
  }),
  async handler(args, { actor, repos, policy, now, t }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "compensate");
    if (!isOpen(c.status) || c.status === "invalid") {
      throw invalidState(msg("compensate.notHandled", { number: c.number, status: c.status }));
    }
    const amount = toCents(args.amount);
    const loss = toCents(args.loss);
    const cap = loss * policy.compensation.capMultipleOfLoss;
    if (amount <= 0)
      throw validationError(msg("compensate.zero"), { amount: msg("compensate.field.zero") });
    if (amount > cap) {
      throw validationError(
        msg("compensate.aboveCap", {
          amount: args.amount,
          multiple: policy.compensation.capMultipleOfLoss,
          loss: args.loss,
          cap: (cap / 100).toFixed(2),
        }),
        { amount: msg("compensate.field.aboveCap") },
      );
    }
    const role = approverRoleFor(policy, amount);
    const approver = await findApprover(repos, role, actor, c.departmentId);
    if (!approver) {
      throw invalidState(msg("compensate.noApprover", { amount: args.amount, role }));
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
      text: t("compensate.done", {
        id: request.id,
        amount: args.amount,
        currency: policy.compensation.currency,
        number: c.number,
        approver: approver.id,
        role,
      }),
      fields: [
        { label: t("field.request"), value: request.id },
        { label: t("field.amount"), value: `${args.amount} ${policy.compensation.currency}` },
        { label: t("field.loss"), value: args.loss },
        {
          label: t("field.approver"),
          value: t("compensate.approver", { approver: approver.id, role }),
        },
      ],
    };
  },
});
