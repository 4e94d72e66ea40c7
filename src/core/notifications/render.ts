import type { DomainEvent, Notification } from "./notification.ts";

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

/**
 * Who hears about an event, and what they read. Pure: everything it needs
 * is in the event payload, written when the change was made. Contacts are
 * never part of a notification.
 */
export function notificationsFor(event: DomainEvent): Notification[] {
  const p = event.payload;
  const number = str(p.number) ?? "?";
  const actor = str(p.actorId) ?? "someone";
  const excerpt = str(p.excerpt);
  const out: Notification[] = [];
  const dm = (to: string | null, text: string, slot = "dm") => {
    if (to && to !== actor)
      out.push({ kind: "dm", to, text, complaint: number, key: `${event.id}:${slot}:${to}` });
  };
  const channel = (to: string | null, text: string) => {
    if (to)
      out.push({ kind: "channel", to, text, complaint: number, key: `${event.id}:channel:${to}` });
  };
  switch (event.type) {
    case "complaint.opened":
      channel(
        str(p.departmentChannel),
        `New complaint ${number} (${str(p.channel) ?? "?"}, ${str(p.severity) ?? "general"}) opened by ${actor}${excerpt ? `: ${excerpt}` : ""}`,
      );
      break;
    case "complaint.repeat_opened":
      dm(
        str(p.ownerId),
        `Repeat complaint ${number} (of ${str(p.repeatOf) ?? "?"}, severity ${str(p.severity) ?? "?"}) is yours to handle, one level up${excerpt ? `: ${excerpt}` : ""}`,
      );
      break;
    case "complaint.assigned":
      dm(
        str(p.assigneeId),
        `${number} (${str(p.channel) ?? "?"}, ${str(p.severity) ?? "general"}) was assigned to you by ${actor}${excerpt ? `: ${excerpt}` : ""}`,
      );
      dm(
        str(p.previousAssigneeId),
        `${number} was reassigned from you to ${str(p.assigneeId) ?? "?"} by ${actor}`,
        "unassigned",
      );
      break;
    case "complaint.noted":
      dm(str(p.assigneeId), `${actor} added a note to ${number}${excerpt ? `: ${excerpt}` : ""}`);
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
    default:
      break;
  }
  return out;
}
