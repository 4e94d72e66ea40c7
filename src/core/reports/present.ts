import type { PolicyLabels, Translator } from "../i18n/translate.ts";
import type { Field, ReplySection } from "../reply/reply.ts";
import type { Labeler } from "./charts.ts";
import type {
  CountBy,
  GroupBy,
  GroupFigures,
  MonthlyFigures,
  OnTimeCount,
  StatsFilter,
  TrendPoint,
} from "./stats.ts";
import { rate, totalOnTime } from "./stats.ts";

/** The figures behind a `stats` reply (console --json `stats`). */
export interface StatsReport {
  month: string;
  filter: StatsFilter;
  figures?: Omit<MonthlyFigures, "period">;
  previous?: Omit<MonthlyFigures, "period"> & { month: string };
  trend?: TrendPoint[];
  by?: GroupBy;
  groups?: GroupFigures[];
}

/** A month's figures without the period they cover: what replies and posts carry. */
export type Figures = Omit<MonthlyFigures, "period">;

/** `66.7%`: the number is written the same way in every language. */
function pct(t: Translator, r: number | null): string {
  return r === null ? t("report.na") : `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}

/** `66.7% (2/3)`; `n/a` when nothing was counted. */
export function share(t: Translator, part: number, whole: number): string {
  return whole > 0
    ? t("report.share", { rate: pct(t, rate(part, whole)), part, whole })
    : t("report.na");
}

export const onTimeText = (t: Translator, o: OnTimeCount) => share(t, o.onTime, o.onTime + o.late);

/** Working seconds as hours, one decimal. */
export function hours(t: Translator, seconds: number | null): string {
  return seconds === null
    ? t("report.na")
    : t("report.hours", { hours: (Math.round(seconds / 360) / 10).toFixed(1) });
}

function signed(n: number, digits = 0): string {
  const v = digits ? n.toFixed(digits) : String(n);
  return n > 0 ? `+${v}` : n === 0 ? `±${v}` : v;
}

/** Change of a rate, in percentage points. */
function pointsChange(t: Translator, now: number | null, before: number | null): string {
  if (now === null || before === null) return t("report.na");
  return t("report.points", { value: signed(Math.round((now - before) * 1000) / 10, 1) });
}

function countLines(
  t: Translator,
  rows: readonly CountBy[],
  total: number,
  label: Labeler,
): string[] {
  return rows.length === 0
    ? [t("common.none")]
    : rows.map((r) =>
        t("report.countLine", {
          label: label(r.key),
          count: r.count,
          rate: pct(t, rate(r.count, total)),
        }),
      );
}

export interface Labels {
  channel: Labeler;
  category: Labeler;
  severity: Labeler;
  department: Labeler;
  staff: Labeler;
  currency: string;
}

/**
 * Names for the keys of a breakdown in `t`'s language: the policy's labels
 * of channels and categories (their ids without them), severities as the
 * language words them, departments by their display names.
 */
export function reportLabels(
  t: Translator,
  source: {
    policy: Partial<Pick<PolicyLabels, "channels" | "categories">> | undefined;
    departments: Readonly<Record<string, string>>;
    currency: string;
  },
): Labels {
  const none = t("common.none");
  const fromPolicy =
    (items: readonly { id: string; labels: Readonly<Record<string, string>> }[] = []): Labeler =>
    (key) =>
      key === null ? none : (items.find((i) => i.id === key)?.labels[t.locale] ?? key);
  return {
    channel: fromPolicy(source.policy?.channels),
    category: fromPolicy(source.policy?.categories),
    severity: (key) => (key === null ? none : t.severity(key)),
    department: (key) =>
      key === null
        ? none
        : ((Object.hasOwn(source.departments, key) ? source.departments[key] : undefined) ?? key),
    staff: (key) => key ?? t("report.unassigned"),
    currency: source.currency,
  };
}

/** What the figures are about, e.g. "2026-10, Billing, hotline". */
export function reportScope(t: Translator, parts: readonly (string | null | undefined)[]): string {
  return t.list(parts.filter((p): p is string => typeof p === "string" && p !== ""));
}

/** The headline numbers. */
export function summaryFields(t: Translator, m: Figures, currency: string): Field[] {
  const onTime = totalOnTime(m.onTime);
  return [
    { label: t("report.field.received"), value: `${m.received}` },
    {
      label: t("report.field.closed"),
      value: t("report.closedValue", { closed: m.closed, invalid: m.closedInvalid }),
    },
    { label: t("report.field.onTime"), value: onTimeText(t, onTime) },
    {
      label: t("report.field.handling"),
      value: t("report.handlingValue", {
        average: hours(t, m.handling.averageSeconds),
        p90: hours(t, m.handling.p90Seconds),
        measured: m.handling.measured,
      }),
    },
    {
      label: t("report.field.satisfaction"),
      value: share(t, m.callbacks.satisfied, m.callbacks.total),
    },
    { label: t("report.field.repeats"), value: share(t, m.repeats, m.received) },
    {
      label: t("report.field.compensation"),
      value: t("report.compensationValue", {
        count: m.compensation.approved.count,
        amount: m.compensation.approved.amount,
        currency,
      }),
    },
  ];
}

export function summarySections(
  t: Translator,
  m: Figures,
  previous: Figures & { month: string },
  labels: Labels,
): ReplySection[] {
  const totalPoints = m.responsibility.reduce((s, r) => s + r.sharePoints, 0);
  const c = m.compensation;
  const money = (x: { count: number; amount: string }) => ({ ...x, currency: labels.currency });
  return [
    {
      heading: t("report.byChannel"),
      lines: countLines(t, m.byChannel, m.received, labels.channel),
    },
    {
      heading: t("report.byCategory"),
      lines: countLines(t, m.byCategory, m.received, labels.category),
    },
    {
      heading: t("report.bySeverity"),
      lines: countLines(t, m.bySeverity, m.received, labels.severity),
    },
    {
      heading: t("report.byDepartment"),
      lines: countLines(t, m.byDepartment, m.received, labels.department),
    },
    {
      heading: t("report.onTimeByDeadline"),
      lines: m.onTime.length
        ? m.onTime.map((r) => t("report.onTimeLine", { kind: r.kind, share: onTimeText(t, r) }))
        : [t("report.noDeadline")],
    },
    {
      heading: t("report.responsibility"),
      lines: m.responsibility.length
        ? m.responsibility.map((r) =>
            t("report.responsibilityLine", {
              department: labels.department(r.departmentId),
              worth: (r.sharePoints / 100).toFixed(2),
              rate: pct(t, rate(r.sharePoints, totalPoints)),
              complaints: r.complaints,
            }),
          )
        : [t("report.noneAttributed")],
    },
    {
      heading: t("report.compensation"),
      lines: [
        t("report.requested", money(c.requested)),
        t("report.approved", money(c.approved)),
        t("report.rejected", money(c.rejected)),
      ],
    },
    {
      heading: t("report.changeAgainst", { month: previous.month }),
      lines: changeLines(t, m, previous, labels),
    },
  ];
}

function changeLines(t: Translator, m: Figures, p: Figures, labels: Labels): string[] {
  const onTime = totalOnTime(m.onTime);
  const onTimeBefore = totalOnTime(p.onTime);
  const rateOf = (o: OnTimeCount) => rate(o.onTime, o.onTime + o.late);
  const avg = m.handling.averageSeconds;
  const avgBefore = p.handling.averageSeconds;
  const money = (Number(m.compensation.approved.amount) - Number(p.compensation.approved.amount))
    .toFixed(2)
    .replace(/^(?!-)/, "+");
  const satisfaction = (x: Figures) => rate(x.callbacks.satisfied, x.callbacks.total);
  const repeats = (x: Figures) => rate(x.repeats, x.received);
  return [
    t("report.change.received", {
      count: m.received,
      delta: signed(m.received - p.received),
      percent: p.received
        ? signed(Math.round(((m.received - p.received) / p.received) * 1000) / 10, 1)
        : null,
    }),
    t("report.change.closed", { count: m.closed, delta: signed(m.closed - p.closed) }),
    t("report.change.onTime", {
      rate: pct(t, rateOf(onTime)),
      change: pointsChange(t, rateOf(onTime), rateOf(onTimeBefore)),
    }),
    t("report.change.handling", {
      average: hours(t, avg),
      change:
        avg === null || avgBefore === null
          ? t("report.na")
          : t("report.hours", { hours: signed(Math.round((avg - avgBefore) / 360) / 10, 1) }),
    }),
    t("report.change.satisfaction", {
      rate: pct(t, satisfaction(m)),
      change: pointsChange(t, satisfaction(m), satisfaction(p)),
    }),
    t("report.change.repeats", {
      rate: pct(t, repeats(m)),
      change: pointsChange(t, repeats(m), repeats(p)),
    }),
    t("report.change.compensation", {
      amount: m.compensation.approved.amount,
      currency: labels.currency,
      change: money,
    }),
  ];
}

/** One line per agent or department. */
export function groupLines(
  t: Translator,
  groups: readonly GroupFigures[],
  label: Labeler,
): string[] {
  if (groups.length === 0) return [t("report.nothing")];
  return groups.map((g) =>
    t("report.groupLine", {
      label: label(g.key),
      handled: g.handled,
      open: g.open,
      onTime: onTimeText(t, g.onTime),
      satisfaction: share(t, g.callbacks.satisfied, g.callbacks.total),
      average: hours(t, g.averageHandlingSeconds),
    }),
  );
}

/** The summary as one message for a channel post. */
export function summaryPost(t: Translator, heading: string, fields: readonly Field[]): string {
  return [heading, ...fields.map((f) => t("report.postLine", f))].join("\n");
}
