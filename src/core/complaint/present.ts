import type { Field } from "../reply/reply.ts";
import { formatWallTime } from "../time/zoned.ts";
import { describeStatus } from "./lifecycle.ts";
import type { ComplaintView } from "./view.ts";

const excerpt = (text: string, max = 60) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** One line per complaint, for lists and digests. */
export function complaintLine(v: ComplaintView): string {
  return [
    v.number,
    describeStatus(v.status),
    v.assignee ?? "unassigned",
    v.channel,
    v.severity,
    excerpt(v.content),
  ].join(" | ");
}

/** The fields every adapter shows for one complaint, in reading order. */
export function complaintFields(v: ComplaintView, timeZone: string): Field[] {
  const at = (iso: string) => formatWallTime(new Date(iso), timeZone);
  const fields: Field[] = [
    { label: "Status", value: describeStatus(v.status) },
    { label: "Channel", value: v.channel },
    { label: "Severity", value: v.severity },
    { label: "Complainant", value: v.complainant },
    { label: "Contact", value: v.contact },
    { label: "Received", value: at(v.receivedAt) },
    { label: "Owner", value: v.owner },
    { label: "Assignee", value: v.assignee ?? "unassigned" },
  ];
  const optional: [string, string | null][] = [
    ["Department", v.department],
    ["Category", v.category],
    ["Place", v.place],
    ["Customer demand", v.demand],
    ["Order", v.orderRef],
    ["Repeat of", v.repeatOf],
    ["Resolution", v.resolution],
    ["Resolved", v.resolvedAt ? `${at(v.resolvedAt)} by ${v.resolvedBy ?? "?"}` : null],
    [
      "Callback",
      v.callback.at
        ? `${at(v.callback.at)}: satisfied ${v.callback.satisfied ? "yes" : "no"}, resolved ${v.callback.resolved ? "yes" : "no"}`
        : null,
    ],
    ["Re-handled", v.rehandleCount > 0 ? String(v.rehandleCount) : null],
    ["Invalid because", v.invalidReason],
    ["Closed", v.closedAt ? at(v.closedAt) : null],
    ["Close note", v.closeReason],
  ];
  for (const [label, value] of optional) if (value) fields.push({ label, value });
  fields.push({ label: "Content", value: v.content });
  fields.push({ label: "Version", value: String(v.version) });
  return fields;
}
