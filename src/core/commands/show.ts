import { maySeeContact } from "../complaint/access.ts";
import { loadComplaint } from "../complaint/mutate.ts";
import { complaintFields } from "../complaint/present.ts";
import { complaintView } from "../complaint/view.ts";
import { formatWallTime } from "../time/zoned.ts";
import { describeDeadline } from "../deadlines/deadline.ts";
import { deadlineView } from "../deadlines/view.ts";
import { msg } from "../i18n/translate.ts";
import { defineCommand } from "./command.ts";
import { complaintId } from "./shared-options.ts";

const notesShown = 20;

export default defineCommand({
  name: "show",
  summary: msg("cmd.show"),
  permission: { minRole: "agent", scope: "any" },
  examples: ["complaint show id:TS-2611-0001"],
  options: () => ({ id: complaintId() }),
  async handler(args, { actor, repos, policy, now, t, locale }) {
    const c = await loadComplaint(repos, args.id);
    const showContact = maySeeContact(actor, c);
    if (showContact) {
      // Regulation 003: every read of full personal data leaves a trace.
      await repos.audit.append({
        complaintId: c.id,
        subject: c.number,
        actorId: actor.id,
        action: "pii.read",
        fromStatus: null,
        toStatus: null,
        version: c.version,
        data: { field: "contact", via: "show" },
      });
    }
    const repeatOf = c.repeatOfId ? await repos.complaints.findById(c.repeatOfId) : null;
    const deadlines = await repos.deadlines.list(c.id);
    const view = complaintView(c, {
      showContact,
      repeatOfNumber: repeatOf?.number ?? null,
      deadlines: deadlines.map((d) => deadlineView(d, now, locale)),
    });
    const notes = await repos.notes.list(c.id, notesShown);
    const history = await repos.audit.forComplaint(c.id);
    const attempts = await repos.attempts.list(c.id);
    const compensations = await repos.compensations.forComplaint(c.id);
    const shares = await repos.responsibilities.list(c.id);
    const at = (d: Date) => formatWallTime(d, policy.timezone);
    return {
      text: t("show.text", { number: c.number, status: c.status, assignee: c.assigneeId }),
      title: c.number,
      complaint: view,
      fields: complaintFields(view, policy.timezone, t),
      sections: [
        {
          heading: t("show.deadlines"),
          lines: deadlines.map((d) =>
            t("show.deadlineLine", {
              label: t.deadline(d.kind),
              state: describeDeadline(d, now, policy.timezone, t),
            }),
          ),
        },
        ...(attempts.length
          ? [
              {
                heading: t("show.attempts"),
                lines: attempts.map((a) =>
                  t("show.attempt", {
                    at: at(a.at),
                    actor: a.actorId,
                    reached: a.reached,
                    note: a.note,
                  }),
                ),
              },
            ]
          : []),
        ...(compensations.length
          ? [
              {
                heading: t("show.compensation"),
                lines: compensations.map((r) =>
                  t("show.compensationLine", {
                    id: r.id,
                    amount: r.amount,
                    currency: policy.compensation.currency,
                    loss: r.loss,
                    status: r.status,
                    approver: r.approverId ?? "?",
                    decidedBy: r.decidedById ?? "?",
                  }),
                ),
              },
            ]
          : []),
        ...(shares.length
          ? [
              {
                heading: t("show.responsibility"),
                lines: shares.map((r) =>
                  t("show.shareLine", {
                    department: r.departmentId,
                    share: r.share,
                    person: r.personId,
                  }),
                ),
              },
            ]
          : []),
        {
          heading: t("show.notes"),
          lines: notes.length
            ? notes.map((n) =>
                t("show.noteLine", { at: at(n.createdAt), author: n.authorId, text: n.text }),
              )
            : [t("common.none")],
        },
        {
          heading: t("show.history"),
          lines: history
            .filter((h) => h.action !== "pii.read")
            .map((h) =>
              t("show.historyLine", {
                at: at(h.at),
                actor: h.actorId,
                action: h.action,
                from: h.fromStatus,
                to: h.toStatus,
              }),
            ),
        },
      ],
    };
  },
});
