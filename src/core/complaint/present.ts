import { translator, type Translator } from "../i18n/translate.ts";
import type { Field } from "../reply/reply.ts";
import { formatWallTime } from "../time/zoned.ts";
import { majorReasonText } from "./major.ts";
import type { ComplaintView } from "./view.ts";

const excerpt = (text: string, max = 60) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** One line per complaint, for lists and digests, in `t`'s language (English by default). */
export function complaintLine(v: ComplaintView, t: Translator = translator("en")): string {
  return [
    v.number,
    t.status(v.status),
    v.assignee ?? t("common.unassigned"),
    t.channel(v.channel),
    t.severity(v.severity),
    excerpt(v.content),
  ].join(" | ");
}

/**
 * The fields every adapter shows for one complaint, in reading order, in
 * `t`'s language (English by default).
 */
export function complaintFields(
  v: ComplaintView,
  timeZone: string,
  t: Translator = translator("en"),
): Field[] {
  const at = (iso: string) => formatWallTime(new Date(iso), timeZone);
  const fields: Field[] = [
    { label: t("field.status"), value: t.status(v.status) },
    { label: t("field.channel"), value: t.channel(v.channel) },
    { label: t("field.severity"), value: t.severity(v.severity) },
    { label: t("field.complainant"), value: v.complainant },
    { label: t("field.contact"), value: v.contact },
    { label: t("field.received"), value: at(v.receivedAt) },
    { label: t("field.owner"), value: v.owner },
    { label: t("field.assignee"), value: v.assignee ?? t("common.unassigned") },
  ];
  const optional: [string, string | null][] = [
    [
      t("field.major"),
      v.major ? (v.major.reason ? majorReasonText(v.major.reason, t) : t("common.yes")) : null,
    ],
    [t("field.department"), v.department],
    [t("field.issue"), v.issue],
    [t("field.valid"), v.valid === null ? null : t.yesNo(v.valid)],
    [
      t("field.justified"),
      v.justified === null
        ? null
        : v.justified
          ? t("present.justified", { fault: v.fault })
          : t("common.no"),
    ],
    [t("field.escalationLevel"), v.escalationLevel > 0 ? String(v.escalationLevel) : null],
    [t("field.unreachableSince"), v.unreachableAt ? at(v.unreachableAt) : null],
    [t("field.category"), v.category ? t.category(v.category) : null],
    [t("field.place"), v.place],
    [t("field.demand"), v.demand],
    [t("field.order"), v.orderRef],
    [t("field.repeatOf"), v.repeatOf],
    [t("field.resolution"), v.resolution],
    [
      t("field.resolved"),
      v.resolvedAt
        ? t("present.resolvedBy", { at: at(v.resolvedAt), by: v.resolvedBy ?? "?" })
        : null,
    ],
    [
      t("field.reply"),
      v.reply
        ? t("present.reply", {
            cause: v.reply.cause ?? "?",
            handler: v.reply.handler ?? "?",
            phone: v.reply.handlerPhone ?? "?",
            dept: v.reply.responsibleDept ?? "?",
            contacted: v.reply.contacted,
            satisfied: v.reply.satisfied,
            fullyResolved: v.reply.fullyResolved,
            promised: v.reply.promisedAt ? at(v.reply.promisedAt) : "?",
          })
        : null,
    ],
    [
      t("field.callback"),
      v.callback.at
        ? t("present.callback", {
            at: at(v.callback.at),
            satisfied: v.callback.satisfied === true,
            resolved: v.callback.resolved === true,
          })
        : null,
    ],
    [t("field.rehandled"), v.rehandleCount > 0 ? String(v.rehandleCount) : null],
    [t("field.invalidBecause"), v.invalidReason],
    [t("field.closed"), v.closedAt ? at(v.closedAt) : null],
    [t("field.closeNote"), v.closeReason],
    [t("field.lateBecause"), v.delayReason],
    [t("field.capa"), v.capa],
  ];
  for (const [label, value] of optional) if (value) fields.push({ label, value });
  fields.push({ label: t("field.content"), value: v.content });
  fields.push({ label: t("field.version"), value: String(v.version) });
  return fields;
}
