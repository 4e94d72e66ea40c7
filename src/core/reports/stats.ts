import type { Period } from "./period.ts";

/**
 * What the monthly statistics count, and for which month (domain rules §7,
 * seed 002). Every figure is computed by the database with aggregates; these
 * types are what comes back. The month a fact belongs to:
 *
 * - counts by channel, category, severity and department, and repeats: the
 *   complaints *received* in the month;
 * - handling time and responsibility: the complaints *closed* in the month
 *   (invalid ones left out: nobody handled them);
 * - on time: the deadlines that *fell due* in the month. A deadline is on time
 *   when it was met (or its case closed) by its due time, late when that
 *   happened after it or has not happened and the due time has passed; one
 *   not yet due is left out. Paused deadlines and invalid complaints are left out;
 * - satisfaction: the callbacks (回访) recorded in the month;
 * - compensation: requests made, and decisions taken, in the month.
 */
export interface StatsFilter {
  departmentId?: string;
  channel?: string;
}

export interface CountBy {
  /** null: not set (no category, no department). */
  key: string | null;
  count: number;
}

export interface OnTimeCount {
  onTime: number;
  late: number;
}

export interface OnTimeByKind extends OnTimeCount {
  /** first_reply, result, close, stage:<id> */
  kind: string;
}

export interface HandlingTime {
  /** Closed complaints with a measured handling time. */
  measured: number;
  /** Working time from receipt to close. */
  averageSeconds: number | null;
  p90Seconds: number | null;
}

export interface ResponsibilityTotal {
  departmentId: string;
  /** Closed complaints that name the department. */
  complaints: number;
  /** Sum of its shares in percent: 170 = 1.7 complaints' worth. */
  sharePoints: number;
}

export interface MoneyTotal {
  count: number;
  /** Yuan, two decimals, as text: sums stay exact. */
  amount: string;
}

export interface MonthlyFigures {
  period: Period;
  received: number;
  repeats: number;
  byChannel: CountBy[];
  byCategory: CountBy[];
  bySeverity: CountBy[];
  byDepartment: CountBy[];
  closed: number;
  closedInvalid: number;
  handling: HandlingTime;
  onTime: OnTimeByKind[];
  callbacks: { total: number; satisfied: number };
  responsibility: ResponsibilityTotal[];
  compensation: { requested: MoneyTotal; approved: MoneyTotal; rejected: MoneyTotal };
}

/** One row of the per-agent or per-department view. */
export interface GroupFigures {
  /** Staff id (by agent: the assignee) or department id; null: none. */
  key: string | null;
  /** Closed in the month. */
  handled: number;
  /** Not closed now. */
  open: number;
  onTime: OnTimeCount;
  callbacks: { total: number; satisfied: number };
  averageHandlingSeconds: number | null;
}

export type GroupBy = "agent" | "dept";

/** One month of the trend chart. */
export interface TrendPoint {
  label: string;
  received: number;
  closed: number;
  onTime: OnTimeCount;
}

/** A rate as a share in [0, 1]; null when nothing was counted. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export function totalOnTime(rows: readonly OnTimeCount[]): OnTimeCount {
  return rows.reduce((a, r) => ({ onTime: a.onTime + r.onTime, late: a.late + r.late }), {
    onTime: 0,
    late: 0,
  });
}
