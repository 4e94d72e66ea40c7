import { maySeeContact } from "../complaint/access.ts";
import { applyChange, loadComplaint, staleVersion } from "../complaint/mutate.ts";
import { registerComplaint } from "../complaint/register.ts";
import { repeatTerms } from "../complaint/repeat.ts";
import { complaintView } from "../complaint/view.ts";
import { invalidState } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "reopen",
  summary: msg("cmd.reopen"),
  permission: { minRole: "agent", scope: "any" },
  examples: ['complaint reopen id:TS-2611-0001 reason:"Refund never arrived"'],
  options: (policy) => ({
    id: complaintId(),
    reason: opt.longText({
      help: msg("arg.reopen.reason"),
      required: true,
      max: policy.limits.reasonMaxChars,
    }),
    version: expectedVersion(),
  }),
  async handler(args, ctx) {
    const { actor, repos, now, policy, t } = ctx;
    const c = await loadComplaint(repos, args.id);
    if (c.status === "resolved" || c.status === "callback_done") {
      const updated = await applyChange(repos, actor, c, {
        action: "complaint.reopened",
        transition: "reopen",
        patch: {
          rehandleCount: c.rehandleCount + 1,
          callbackSatisfied: null,
          callbackResolved: null,
          callbackAt: null,
        },
        detail: { reason: args.reason },
        event: { assigneeId: c.assigneeId, reason: args.reason.slice(0, 140) },
        ...(args.version === undefined ? {} : { expectedVersion: args.version }),
      });
      return {
        text: t("reopen.reopened", { number: updated.number, assignee: updated.assigneeId }),
        complaint: complaintView(updated, { showContact: maySeeContact(actor, updated) }),
      };
    }
    if (c.status !== "closed") {
      throw invalidState(msg("reopen.stillOpen", { number: c.number, status: c.status }));
    }
    // Whoever reopens with `version:` decided on what they saw; a close since then is news to them.
    if (args.version !== undefined && args.version !== c.version)
      throw staleVersion(c, args.version);
    // Seeds 000/002: a closed case is never changed; the repeat is a new case.
    const terms = await repeatTerms(repos, policy, c);
    const { complaint: created } = await registerComplaint(
      ctx,
      {
        status: "registered",
        channel: c.channel,
        complainantName: c.complainantName,
        contact: c.contact,
        content: args.reason,
        receivedAt: now,
        place: c.place,
        customerId: c.customerId,
        domestic: c.domestic,
        demand: c.demand,
        orderRef: c.orderRef,
        category: c.category,
        severity: terms.severity,
        issueKey: c.issueKey,
        escalationLevel: terms.escalationLevel,
        departmentId: c.departmentId,
        ownerId: terms.ownerId,
        assigneeId: null,
        createdById: actor.id,
        repeatOfId: terms.repeatOfId,
      },
      {
        type: "complaint.repeat_opened",
        payload: {
          repeatOf: c.number,
          ownerId: terms.ownerId,
          severity: terms.severity,
          excerpt: args.reason.slice(0, 140),
        },
      },
      { repeatOf: c.number },
    );
    const ownerId = created.ownerId;
    // Recorded on the old case's trail too, without touching the old case.
    await repos.audit.append({
      complaintId: c.id,
      subject: c.number,
      actorId: actor.id,
      action: "complaint.repeated",
      fromStatus: null,
      toStatus: null,
      version: null,
      data: { repeat: created.number, reason: args.reason },
    });
    return {
      text: t("reopen.repeat", {
        number: c.number,
        created: created.number,
        owner: ownerId,
        severity: created.severity,
      }),
      complaint: complaintView(created, {
        showContact: maySeeContact(actor, created),
        repeatOfNumber: c.number,
      }),
    };
  },
});
