import { requireCaseParty } from "../complaint/access.ts";
import type { ComplaintPatch } from "../complaint/complaint.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { parseShares } from "../complaint/responsibility.ts";
import { complaintView } from "../complaint/view.ts";
import { isOverdue } from "../deadlines/deadline.ts";
import { markDeadlineMet } from "../deadlines/met.ts";
import { ComplaintError, ErrorCode, invalidState, validationError } from "../errors.ts";
import { formatWallTime } from "../time/zoned.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "close",
  summary:
    "Close a complaint after the callback, with responsibility for justified ones and a reason when late",
  permission: { minRole: "agent", scope: "case" },
  examples: [
    "complaint close id:TS-2611-0001",
    'complaint close id:TS-2611-0001 responsible:"billing:70,logistics:30" person:bob capa:"Second check on refunds"',
    'complaint close id:TS-2611-0001 delay-reason:"Waited for the courier\'s report"',
  ],
  options: (policy) => ({
    id: complaintId(),
    note: opt.longText({
      help: "closing note",
      required: false,
      max: policy.limits.reasonMaxChars,
    }),
    responsible: opt.text({
      help: "departments responsible and their % (justified complaints), e.g. billing:70,logistics:30",
      required: false,
      max: 500,
    }),
    person: opt.staff({ help: "the person responsible, where known", required: false }),
    capa: opt.longText({
      help: "corrective and preventive action",
      required: false,
      max: policy.limits.contentMaxChars,
    }),
    "delay-reason": opt.longText({
      help: "why it is closed after its deadline (required then)",
      required: false,
      max: policy.limits.reasonMaxChars,
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, now, policy }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "close it");
    if (c.status === "closed") throw invalidState(`${c.number} is already closed`);
    if (c.status === "resolved" && policy.lifecycle.callbackRequired) {
      throw invalidState(
        `${c.number} is resolved but the customer has not been called back; ` +
          `complaint callback id:${c.number} satisfied:yes|no resolved:yes|no comes first`,
      );
    }
    const problems: Record<string, string> = {};
    const messages: string[] = [];
    // Seed 002: cases closed late must say why.
    const closeDeadline = (await repos.deadlines.list(c.id)).find((d) => d.kind === "close");
    const late = closeDeadline !== undefined && isOverdue(closeDeadline, now);
    if (late && !args["delay-reason"]) {
      problems["delay-reason"] = "missing";
      messages.push(
        `delay-reason: missing; the close deadline passed at ${formatWallTime(closeDeadline.dueAt ?? now, policy.timezone)}, so say why it is late`,
      );
    }
    // Seeds 002/003: a justified complaint is attributed to the departments responsible.
    if (c.justified === true && !args.responsible) {
      problems.responsible = "missing";
      messages.push(
        "responsible: missing; a justified complaint names the responsible departments and their %, e.g. responsible:billing:100",
      );
    }
    if (messages.length) throw validationError(`complaint close: ${messages.join("; ")}`, problems);
    if (args.person && !(await repos.staff.find(args.person))) {
      throw new ComplaintError(
        ErrorCode.UnknownStaff,
        `person: ${args.person} is not in the staff directory`,
      );
    }
    const shares = args.responsible
      ? await parseShares(repos, args.responsible, args.person ?? null)
      : [];
    const patch: ComplaintPatch = {
      closedAt: now,
      closedById: actor.id,
      closeReason: args.note ?? null,
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
      text: `${updated.number} closed${late ? " (late)" : ""}${shares.length ? `; responsibility ${shares.map((s) => `${s.departmentId} ${s.share}%`).join(", ")}` : ""}`,
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
