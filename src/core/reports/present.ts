import { deadlineLabel } from "../deadlines/deadline.ts";
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

const pct = (r: number | null) =>
  r === null ? "n/a" : `${(Math.round(r * 1000) / 10).toFixed(1)}%`;

/** `66.7% (2/3)`; `n/a` when nothing was counted. */
export function share(part: number, whole: number): string {
  return whole > 0 ? `${pct(rate(part, whole))} (${part}/${whole})` : "n/a";
}

export const onTimeText = (o: OnTimeCount) => share(o.onTime, o.onTime + o.late);

/** Working seconds as hours, one decimal. */
export function hours(seconds: number | null): string {
  return seconds === null ? "n/a" : `${(Math.round(seconds / 360) / 10).toFixed(1)} h`;
}

function signed(n: number, digits = 0): string {
  const v = digits ? n.toFixed(digits) : String(n);
  return n > 0 ? `+${v}` : n === 0 ? `±${v}` : v;
}

/** Change of a rate, in percentage points. */
function pointsChange(now: number | null, before: number | null): string {
  if (now === null || before === null) return "n/a";
  return `${signed(Math.round((now - before) * 1000) / 10, 1)} pp`;
}

function countLines(rows: readonly CountBy[], total: number, label: Labeler): string[] {
  return rows.length === 0
    ? ["(none)"]
    : rows.map((r) => `${label(r.key)}: ${r.count} (${pct(rate(r.count, total))})`);
}

export interface Labels {
  channel: Labeler;
  category: Labeler;
  severity: Labeler;
  department: Labeler;
  staff: Labeler;
  currency: string;
}

/** The headline numbers. */
export function summaryFields(m: MonthlyFigures, currency: string): Field[] {
  const onTime = totalOnTime(m.onTime);
  return [
    { label: "Received", value: `${m.received}` },
    {
      label: "Closed",
      value: `${m.closed}${m.closedInvalid ? ` (and ${m.closedInvalid} invalid)` : ""}`,
    },
    { label: "On time", value: onTimeText(onTime) },
    {
      label: "Handling time",
      value: `average ${hours(m.handling.averageSeconds)}, p90 ${hours(m.handling.p90Seconds)} (working hours, ${m.handling.measured} closed)`,
    },
    { label: "Satisfaction", value: share(m.callbacks.satisfied, m.callbacks.total) },
    { label: "Repeat complaints", value: share(m.repeats, m.received) },
    {
      label: "Compensation",
      value: `${m.compensation.approved.count} approved, ${m.compensation.approved.amount} ${currency}`,
    },
  ];
}

export function summarySections(
  m: MonthlyFigures,
  previous: MonthlyFigures,
  labels: Labels,
): ReplySection[] {
  const totalPoints = m.responsibility.reduce((s, r) => s + r.sharePoints, 0);
  const c = m.compensation;
  return [
    { heading: "By channel", lines: countLines(m.byChannel, m.received, labels.channel) },
    { heading: "By category", lines: countLines(m.byCategory, m.received, labels.category) },
    { heading: "By severity", lines: countLines(m.bySeverity, m.received, labels.severity) },
    {
      heading: "By department",
      lines: countLines(m.byDepartment, m.received, labels.department),
    },
    {
      heading: "On time, by deadline",
      lines: m.onTime.length
        ? m.onTime.map((r) => `${deadlineLabel(r.kind)}: ${onTimeText(r)}`)
        : ["(no deadline fell due)"],
    },
    {
      heading: "Responsibility",
      lines: m.responsibility.length
        ? m.responsibility.map(
            (r) =>
              `${labels.department(r.departmentId)}: ${(r.sharePoints / 100).toFixed(2)} complaints' worth (${pct(rate(r.sharePoints, totalPoints))}), named in ${r.complaints}`,
          )
        : ["(none attributed)"],
    },
    {
      heading: "Compensation",
      lines: [
        `Requested: ${c.requested.count}, ${c.requested.amount} ${labels.currency}`,
        `Approved: ${c.approved.count}, ${c.approved.amount} ${labels.currency}`,
        `Rejected: ${c.rejected.count}, ${c.rejected.amount} ${labels.currency}`,
      ],
    },
    { heading: `Change against ${previous.period.label}`, lines: changeLines(m, previous, labels) },
  ];
}

function changeLines(m: MonthlyFigures, p: MonthlyFigures, labels: Labels): string[] {
  const onTime = totalOnTime(m.onTime);
  const onTimeBefore = totalOnTime(p.onTime);
  const rateOf = (o: OnTimeCount) => rate(o.onTime, o.onTime + o.late);
  const avg = m.handling.averageSeconds;
  const avgBefore = p.handling.averageSeconds;
  const money = (Number(m.compensation.approved.amount) - Number(p.compensation.approved.amount))
    .toFixed(2)
    .replace(/^(?!-)/, "+");
  return [
    `Received: ${m.received} (${signed(m.received - p.received)}${p.received ? `, ${signed(Math.round(((m.received - p.received) / p.received) * 1000) / 10, 1)}%` : ""})`,
    `Closed: ${m.closed} (${signed(m.closed - p.closed)})`,
    `On time: ${pct(rateOf(onTime))} (${pointsChange(rateOf(onTime), rateOf(onTimeBefore))})`,
    `Average handling: ${hours(avg)} (${avg === null || avgBefore === null ? "n/a" : `${signed(Math.round((avg - avgBefore) / 360) / 10, 1)} h`})`,
    `Satisfaction: ${pct(rate(m.callbacks.satisfied, m.callbacks.total))} (${pointsChange(rate(m.callbacks.satisfied, m.callbacks.total), rate(p.callbacks.satisfied, p.callbacks.total))})`,
    `Repeat complaints: ${pct(rate(m.repeats, m.received))} (${pointsChange(rate(m.repeats, m.received), rate(p.repeats, p.received))})`,
    `Compensation approved: ${m.compensation.approved.amount} ${labels.currency} (${money})`,
  ];
}

/** One line per agent or department. */
export function groupLines(groups: readonly GroupFigures[], label: Labeler): string[] {
  if (groups.length === 0) return ["(nothing this month)"];
  return groups.map(
    (g) =>
      `${label(g.key)}: handled ${g.handled}, open ${g.open}, on time ${onTimeText(g.onTime)}, ` +
      `satisfaction ${share(g.callbacks.satisfied, g.callbacks.total)}, average ${hours(g.averageHandlingSeconds)}`,
  );
}

/** The summary as one message for a channel post. */
export function summaryPost(heading: string, fields: readonly Field[]): string {
  return `${heading}\n${fields.map((f) => `${f.label}: ${f.value}`).join("\n")}`;
}
