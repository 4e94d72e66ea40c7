import type { ReplyAction } from "../reply/reply.ts";
import type { DomainEvent, Notification } from "./notification.ts";

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

/**
 * Who hears about an event, and what they read. Pure: everything it needs
 * is in the event payload, written when the change was made. Contacts are
 * never part of a notification.
 */
export function notificationsFor(event: DomainEvent): Notification[] {
  const p = event.payload;
  const caseNumber = str(p.number);
  const number = caseNumber ?? "?";
  const about = caseNumber ? { complaint: caseNumber } : {};
  const actor = str(p.actorId) ?? "someone";
  const excerpt = str(p.excerpt);
  const tail = excerpt ? `: ${excerpt}` : "";
  const out: Notification[] = [];
  const dm = (
    to: string | null,
    text: string,
    slot = "dm",
    extra: { actions?: ReplyAction[]; urgent?: boolean } = {},
  ) => {
    if (!to || to === actor || out.some((n) => n.kind === "dm" && n.to === to)) return;
    out.push({ kind: "dm", to, text, ...about, key: `${event.id}:${slot}:${to}`, ...extra });
  };
  const channel = (to: string | null, text: string, urgent = false) => {
    if (to)
      out.push({ kind: "channel", to, text, ...about, key: `${event.id}:channel:${to}`, urgent });
  };
  switch (event.type) {
    case "complaint.opened":
      if (str(p.repeatOf)) {
        dm(
          str(p.ownerId),
          `Repeat complaint ${number} (of ${str(p.repeatOf) ?? "?"}) is yours to handle, one level up${tail}`,
        );
      }
      channel(
        str(p.departmentChannel),
        `New complaint ${number} (${str(p.channel) ?? "?"}, ${str(p.severity) ?? "general"}) opened by ${actor}${tail}`,
      );
      break;
    case "complaint.repeat_opened":
      dm(
        str(p.ownerId),
        `Repeat complaint ${number} (of ${str(p.repeatOf) ?? "?"}, severity ${str(p.severity) ?? "?"}) is yours to handle, one level up${tail}`,
      );
      break;
    case "complaint.major": {
      const text = `MAJOR complaint ${number} (${str(p.reason) ?? "major"})${tail}`;
      for (const leader of strings(p.leaders)) dm(leader, text, "major", { urgent: true });
      channel(str(p.managementChannel), text, true);
      break;
    }
    case "complaint.assigned":
      dm(
        str(p.assigneeId),
        `${number} (${str(p.channel) ?? "?"}, ${str(p.severity) ?? "general"}) was assigned to you by ${actor}${tail}`,
      );
      dm(
        str(p.previousAssigneeId),
        `${number} was reassigned from you to ${str(p.assigneeId) ?? "?"} by ${actor}`,
        "unassigned",
      );
      break;
    case "complaint.noted":
      dm(str(p.assigneeId), `${actor} added a note to ${number}${tail}`);
      break;
    case "complaint.resolved":
      dm(
        str(p.ownerId),
        `${number} was resolved by ${actor}; call the customer back and record it with complaint callback id:${number}`,
      );
      break;
    case "complaint.rehandle":
      dm(
        str(p.assigneeId),
        `${number}: the customer is not satisfied at callback; it is back with you`,
      );
      break;
    case "complaint.reopened":
      dm(
        str(p.assigneeId),
        `${number} was reopened by ${actor}${str(p.reason) ? `: ${str(p.reason) ?? ""}` : ""}`,
      );
      break;
    case "complaint.unreachable":
      for (const to of [str(p.managerId), str(p.ownerId), str(p.assigneeId)]) {
        dm(
          to,
          `${number}: the customer could not be reached ${typeof p.attempts === "number" ? p.attempts : "several"} times within ${str(p.window) ?? "the window"}; escalated for follow-up`,
          "unreachable",
          { urgent: true },
        );
      }
      break;
    case "complaint.escalated":
      dm(
        str(p.toId),
        `${number} was escalated to you by ${actor}${str(p.reason) ? ` (${str(p.reason) ?? ""})` : ""}: you are now responsible`,
        "escalated",
        { urgent: true },
      );
      dm(
        str(p.fromId),
        `${number} was escalated from you to ${str(p.toId) ?? "?"}`,
        "escalated-from",
      );
      break;
    case "complaint.handover":
      dm(
        str(p.toId),
        `${actor} handed ${number} over to you (${str(p.role) ?? "owner"})${str(p.note) ? `: ${str(p.note) ?? ""}` : ""}`,
        "handover",
      );
      break;
    case "shift.handover":
      dm(
        str(p.toId),
        `${str(p.fromId) ?? actor} handed over their shift to you: ${str(p.summary) ?? ""}`,
        "shift",
      );
      break;
    case "compensation.requested": {
      const id = str(p.compensationId) ?? "?";
      dm(
        str(p.approverId),
        `${actor} asks you to approve compensation ${id} on ${number}: ${str(p.amount) ?? "?"} ${str(p.currency) ?? ""} (loss ${str(p.loss) ?? "?"}): ${str(p.reason) ?? ""}`,
        "approval",
        {
          actions: [
            {
              id: "approve",
              label: "Approve",
              command: `complaint approve id:${id} decision:approve`,
              style: "primary",
            },
            {
              id: "reject",
              label: "Reject",
              command: `complaint approve id:${id} decision:reject`,
              style: "danger",
            },
          ],
        },
      );
      break;
    }
    case "compensation.decided":
      dm(
        str(p.requestedById),
        `Compensation ${str(p.compensationId) ?? "?"} on ${number} was ${str(p.status) ?? "decided"} by ${actor}${str(p.note) ? `: ${str(p.note) ?? ""}` : ""}`,
        "decision",
      );
      break;
    case "report.daily":
      channel(str(p.channel), str(p.text) ?? "");
      break;
    default:
      break;
  }
  return out;
}
