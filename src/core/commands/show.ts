import { maySeeContact } from "../complaint/access.ts";
import { describeStatus } from "../complaint/lifecycle.ts";
import { loadComplaint } from "../complaint/mutate.ts";
import { complaintFields } from "../complaint/present.ts";
import { complaintView } from "../complaint/view.ts";
import { formatWallTime } from "../time/zoned.ts";
import { deadlineLabel, describeDeadline } from "../deadlines/deadline.ts";
import { deadlineView } from "../deadlines/view.ts";
import { defineCommand } from "./command.ts";
import { complaintId } from "./shared-options.ts";

const notesShown = 20;

export default defineCommand({
  name: "show",
  summary: "Show one complaint with its notes and history",
  permission: { minRole: "agent", scope: "any" },
  examples: ["complaint show id:TS-2611-0001"],
  options: () => ({ id: complaintId() }),
  async handler(args, { actor, repos, policy, now }) {
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
      deadlines: deadlines.map((d) => deadlineView(d, now)),
    });
    const notes = await repos.notes.list(c.id, notesShown);
    const history = await repos.audit.forComplaint(c.id);
    const attempts = await repos.attempts.list(c.id);
    const compensations = await repos.compensations.forComplaint(c.id);
    const shares = await repos.responsibilities.list(c.id);
    const at = (d: Date) => formatWallTime(d, policy.timezone);
    return {
      text: `${c.number}: ${describeStatus(c.status)}${c.assigneeId ? `, assignee ${c.assigneeId}` : ", unassigned"}`,
      title: c.number,
      complaint: view,
      fields: complaintFields(view, policy.timezone),
      sections: [
        {
          heading: "Deadlines",
          lines: deadlines.map(
            (d) => `${deadlineLabel(d.kind)}: ${describeDeadline(d, now, policy.timezone)}`,
          ),
        },
        ...(attempts.length
          ? [
              {
                heading: "Contact attempts",
                lines: attempts.map(
                  (a) =>
                    `${at(a.at)} ${a.actorId}: ${a.reached ? "reached" : "unreachable"}${a.note ? ` (${a.note})` : ""}`,
                ),
              },
            ]
          : []),
        ...(compensations.length
          ? [
              {
                heading: "Compensation",
                lines: compensations.map(
                  (r) =>
                    `${r.id}: ${r.amount} ${policy.compensation.currency} (loss ${r.loss}) ${r.status}${r.status === "pending" ? `, waiting for ${r.approverId ?? "?"}` : ` by ${r.decidedById ?? "?"}`}`,
                ),
              },
            ]
          : []),
        ...(shares.length
          ? [
              {
                heading: "Responsibility",
                lines: shares.map(
                  (r) => `${r.departmentId}: ${r.share}%${r.personId ? ` (${r.personId})` : ""}`,
                ),
              },
            ]
          : []),
        {
          heading: "Notes",
          lines: notes.length
            ? notes.map((n) => `${at(n.createdAt)} ${n.authorId}: ${n.text}`)
            : ["(none)"],
        },
        {
          heading: "History",
          lines: history
            .filter((h) => h.action !== "pii.read")
            .map(
              (h) =>
                `${at(h.at)} ${h.actorId} ${h.action}` +
                (h.fromStatus && h.toStatus && h.fromStatus !== h.toStatus
                  ? ` (${h.fromStatus} -> ${h.toStatus})`
                  : ""),
            ),
        },
      ],
    };
  },
});
