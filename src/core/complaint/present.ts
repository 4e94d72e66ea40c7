import type { Field } from "../reply/reply.ts";
import { formatWallTime } from "../time/zoned.ts";
import { describeStatus } from "./lifecycle.ts";
import type { ComplaintView } from "./view.ts";

const yn = (b: boolean | null) => (b === null ? "?" : b ? "yes" : "no");

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
    ["MAJOR", v.major ? (v.major.reason ?? "yes") : null],
    ["Department", v.department],
    ["Issue", v.issue],
    ["Valid", v.valid === null ? null : v.valid ? "yes" : "no"],
    [
      "Justified",
      v.justified === null
        ? null
        : v.justified
          ? `yes${v.fault ? (v.fault === "company" ? ", company at fault" : ", company not at fault") : ""}`
          : "no",
    ],
    ["Escalation level", v.escalationLevel > 0 ? String(v.escalationLevel) : null],
    ["Unreachable since", v.unreachableAt ? at(v.unreachableAt) : null],
    ["Category", v.category],
    ["Place", v.place],
    ["Customer demand", v.demand],
    ["Order", v.orderRef],
    ["Repeat of", v.repeatOf],
    ["Resolution", v.resolution],
    ["Resolved", v.resolvedAt ? `${at(v.resolvedAt)} by ${v.resolvedBy ?? "?"}` : null],
    [
      "Reply",
      v.reply
        ? `cause ${v.reply.cause ?? "?"}; handler ${v.reply.handler ?? "?"} (${v.reply.handlerPhone ?? "?"}); dept ${v.reply.responsibleDept ?? "?"}; contacted ${yn(v.reply.contacted)}, satisfied ${yn(v.reply.satisfied)}, fully resolved ${yn(v.reply.fullyResolved)}; promised ${v.reply.promisedAt ? at(v.reply.promisedAt) : "?"}`
        : null,
    ],
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
    ["Late because", v.delayReason],
    ["CAPA", v.capa],
  ];
  for (const [label, value] of optional) if (value) fields.push({ label, value });
  fields.push({ label: "Content", value: v.content });
  fields.push({ label: "Version", value: String(v.version) });
  return fields;
}
