import { requireCaseParty } from "../complaint/access.ts";
import { isOpen } from "../complaint/lifecycle.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import type { ComplaintPatch } from "../complaint/complaint.ts";
import { complaintView } from "../complaint/view.ts";
import { markDeadlineMet } from "../deadlines/met.ts";
import { invalidState } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "contact",
  summary: msg("cmd.contact"),
  permission: { minRole: "agent", scope: "case" },
  examples: [
    'complaint contact id:TS-2611-0001 outcome:reached note:"Explained the refund"',
    'complaint contact id:TS-2611-0001 outcome:unreachable note:"No answer, 10:05"',
  ],
  options: (policy) => ({
    id: complaintId(),
    outcome: opt.choice({
      help: msg("arg.contact.outcome"),
      required: true,
      choices: ["reached", "unreachable"] as const,
    }),
    note: opt.longText({
      help: msg("arg.contact.note"),
      required: false,
      max: policy.limits.noteMaxChars,
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, policy, now, t }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "contact");
    if (!isOpen(c.status) || c.status === "invalid") {
      throw invalidState(msg("contact.notHandled", { number: c.number, status: c.status }));
    }
    const reached = args.outcome === "reached";
    await repos.attempts.add(c.id, {
      actorId: actor.id,
      reached,
      note: args.note ?? null,
      at: now,
    });
    const patch: ComplaintPatch = {};
    let escalation: { managerId: string | null; failed: number } | null = null;
    if (reached) {
      if (!c.firstContactAt) patch.firstContactAt = now;
      patch.unreachableAt = null;
    } else {
      // Seed 001: three failed attempts within 24 hours (policy) flag the case and escalate.
      const since = now.getTime() - policy.contactAttempts.window.ms;
      const attempts = await repos.attempts.list(c.id);
      const failed = attempts.filter((a) => !a.reached && a.at.getTime() >= since).length;
      const alreadyFlagged = c.unreachableAt !== null && c.unreachableAt.getTime() >= since;
      if (failed >= policy.contactAttempts.maxFailed && !alreadyFlagged) {
        patch.unreachableAt = now;
        const responsible = await repos.staff.find(c.assigneeId ?? c.ownerId);
        escalation = { managerId: responsible?.managerId ?? null, failed };
      }
    }
    const updated = await applyChange(repos, actor, c, {
      action: reached ? "contact.reached" : "contact.unreachable",
      ...(c.status === "assigned" && c.assigneeId === actor.id
        ? { transition: "start" as const }
        : {}),
      patch,
      detail: { note: args.note ?? null },
      ...(escalation
        ? {
            event: {
              managerId: escalation.managerId,
              ownerId: c.ownerId,
              assigneeId: c.assigneeId,
              attempts: escalation.failed,
              window: policy.contactAttempts.window.iso,
            },
            eventType: "complaint.unreachable",
          }
        : {}),
      ...(args.version === undefined ? {} : { expectedVersion: args.version }),
    });
    // After the complaint row: every command locks the complaint first, then its deadlines.
    if (reached && !c.firstContactAt) await markDeadlineMet(repos, c.id, "first_reply", now);
    const attempts = (await repos.attempts.list(c.id)).filter((a) => !a.reached).length;
    return {
      text: reached
        ? t("contact.reached", { number: updated.number, firstReply: !c.firstContactAt })
        : escalation
          ? t("contact.escalated", {
              number: updated.number,
              failed: escalation.failed,
              window: policy.contactAttempts.window,
              manager: escalation.managerId,
            })
          : t("contact.logged", { number: updated.number, attempts }),
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
