import { requireCaseParty } from "../complaint/access.ts";
import type { ComplaintPatch } from "../complaint/complaint.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { parseShares } from "../complaint/responsibility.ts";
import { complaintView } from "../complaint/view.ts";
import { isOverdue } from "../deadlines/deadline.ts";
import { markDeadlineMet } from "../deadlines/met.ts";
import { invalidState, unknownStaff, validationError } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { formatWallTime } from "../time/zoned.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "close",
  summary: msg("cmd.close"),
  permission: { minRole: "agent", scope: "case" },
  examples: [
    "complaint close id:TS-2611-0001",
    'complaint close id:TS-2611-0001 responsible:"billing:70,logistics:30" person:bob capa:"Second check on refunds"',
    'complaint close id:TS-2611-0001 delay-reason:"Waited for the courier\'s report"',
  ],
  options: (policy) => ({
    id: complaintId(),
    note: opt.longText({
      help: msg("arg.close.note"),
      required: false,
      max: policy.limits.reasonMaxChars,
    }),
    responsible: opt.text({
      help: msg("arg.close.responsible"),
      required: false,
      max: 500,
    }),
    person: opt.staff({ help: msg("arg.close.person"), required: false }),
    capa: opt.longText({
      help: msg("arg.close.capa"),
      required: false,
      max: policy.limits.contentMaxChars,
    }),
    "delay-reason": opt.longText({
      help: msg("arg.close.delay-reason"),
      required: false,
      max: policy.limits.reasonMaxChars,
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, now, policy, calendar, t }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "close");
    if (c.status === "closed") throw invalidState(msg("close.already", { number: c.number }));
    if (c.status === "resolved" && policy.lifecycle.callbackRequired) {
      throw invalidState(msg("close.needsCallback", { number: c.number }));
    }
    const problems: Record<string, string> = {};
    const messages: string[] = [];
    // Seed 002: cases closed late must say why.
    const closeDeadline = (await repos.deadlines.list(c.id)).find((d) => d.kind === "close");
    const late = closeDeadline !== undefined && isOverdue(closeDeadline, now);
    if (late && !args["delay-reason"]) {
      problems["delay-reason"] = t("field.missing");
      messages.push(
        t("close.delayMissing", {
          due: formatWallTime(closeDeadline.dueAt ?? now, policy.timezone),
        }),
      );
    }
    // Seeds 002/003: a justified complaint is attributed to the departments responsible.
    if (c.justified === true && !args.responsible) {
      problems.responsible = t("field.missing");
      messages.push(t("close.responsibleMissing"));
    }
    if (messages.length)
      throw validationError(
        t("validate.summary", { command: "close", problems: messages }),
        problems,
      );
    if (args.person && !(await repos.staff.find(args.person))) {
      throw unknownStaff(msg("close.unknownPerson", { id: args.person }));
    }
    const shares = args.responsible
      ? await parseShares(repos, args.responsible, args.person ?? null)
      : [];
    const patch: ComplaintPatch = {
      closedAt: now,
      closedById: actor.id,
      closeReason: args.note ?? null,
      // Stored so monthly statistics can average working time in SQL.
      handlingSeconds: Math.max(
        0,
        Math.round(calendar.workingTimeBetween(c.receivedAt, now) / 1000),
      ),
    };
    if (late) patch.delayReason = args["delay-reason"] ?? null;
    if (args.capa) patch.capa = args.capa;
    const updated = await applyChange(repos, actor, c, {
      action: "complaint.closed",
      transition: policy.lifecycle.callbackRequired ? "close" : "closeWithoutCallback",
      patch,
      detail: shares.length ? { responsibility: shares } : {},
      event: { ownerId: c.ownerId, assigneeId: c.assigneeId },
      ...(args.version === undefined ? {} : { expectedVersion: args.version }),
    });
    if (shares.length) await repos.responsibilities.put(c.id, shares);
    await markDeadlineMet(repos, c.id, "close", now);
    return {
      text: t("close.done", {
        number: updated.number,
        late,
        shares: shares.map((s) => ({ department: s.departmentId, share: s.share })),
      }),
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
