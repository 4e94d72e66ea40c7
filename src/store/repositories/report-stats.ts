// Monthly statistics as SQL aggregates: no complaint row is ever loaded into
// JavaScript, so a month of a million complaints costs a few index scans.
// Which facts belong to a month is defined in src/core/reports/stats.ts.
// Plain PostgreSQL (FILTER, GROUPING SETS, percentile_cont, LATERAL): the
// same statements run on PGlite.
import type { Period } from "../../core/reports/period.ts";
import type {
  CountBy,
  GroupBy,
  GroupFigures,
  MonthlyFigures,
  OnTimeByKind,
  StatsFilter,
  TrendPoint,
} from "../../core/reports/stats.ts";
import { Prisma } from "../../generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;
type Sql = Prisma.Sql;

/** The filter as a condition on `complaint c`. */
function where(filter: StatsFilter): Sql {
  const parts: Sql[] = [Prisma.sql`TRUE`];
  if (filter.departmentId) parts.push(Prisma.sql`c.department_id = ${filter.departmentId}`);
  if (filter.channel) parts.push(Prisma.sql`c.channel = ${filter.channel}`);
  return Prisma.join(parts, " AND ");
}

const within = (column: Sql, p: Period): Sql =>
  Prisma.sql`(${column} >= ${p.from} AND ${column} < ${p.to})`;

/** A complaint that was handled at all: invalid ones were closed without handling. */
const handled = Prisma.sql`c.valid IS DISTINCT FROM false`;

/**
 * On time: met, or the case closed, by the due time. Late: that happened
 * after it, or has not happened and the due time has passed.
 */
function onTimeColumns(now: Date): Sql {
  const done = Prisma.sql`COALESCE(d.met_at, c.closed_at)`;
  return Prisma.sql`
    count(*) FILTER (WHERE ${done} <= d.due_at)::int AS on_time,
    count(*) FILTER (WHERE ${done} > d.due_at OR (${done} IS NULL AND d.due_at < ${now}))::int AS late`;
}

interface Totals {
  received: number;
  repeats: number;
  closed: number;
  closed_invalid: number;
  measured: number;
  avg_s: number | null;
  p90_s: number | null;
  callbacks: number;
  satisfied: number;
}

export async function monthlyFigures(
  tx: Tx,
  filter: StatsFilter,
  p: Period,
  now: Date,
): Promise<MonthlyFigures> {
  const f = where(filter);
  const received = within(Prisma.sql`c.received_at`, p);
  const closed = Prisma.sql`(${within(Prisma.sql`c.closed_at`, p)} AND c.status = 'closed')`;
  const closedHandled = Prisma.sql`(${closed} AND ${handled})`;
  const callback = within(Prisma.sql`c.callback_at`, p);

  const [totals] = await tx.$queryRaw<Totals[]>`
    SELECT
      count(*) FILTER (WHERE ${received})::int AS received,
      count(*) FILTER (WHERE ${received} AND c.repeat_of_id IS NOT NULL)::int AS repeats,
      count(*) FILTER (WHERE ${closedHandled})::int AS closed,
      count(*) FILTER (WHERE ${closed} AND c.valid = false)::int AS closed_invalid,
      count(c.handling_seconds) FILTER (WHERE ${closedHandled})::int AS measured,
      (avg(c.handling_seconds) FILTER (WHERE ${closedHandled}))::float8 AS avg_s,
      (percentile_cont(0.9) WITHIN GROUP (ORDER BY c.handling_seconds)
        FILTER (WHERE ${closedHandled}))::float8 AS p90_s,
      count(*) FILTER (WHERE ${callback})::int AS callbacks,
      count(*) FILTER (WHERE ${callback} AND c.callback_satisfied)::int AS satisfied
    FROM complaint c
    WHERE ${f} AND (${received} OR ${within(Prisma.sql`c.closed_at`, p)} OR ${callback})`;

  const dimensions = await tx.$queryRaw<{ dim: string; key: string | null; n: number }[]>`
    SELECT
      CASE
        WHEN GROUPING(c.channel) = 0 THEN 'channel'
        WHEN GROUPING(c.category) = 0 THEN 'category'
        WHEN GROUPING(c.severity) = 0 THEN 'severity'
        ELSE 'department'
      END AS dim,
      COALESCE(c.channel, c.category, c.severity, c.department_id) AS key,
      count(*)::int AS n
    FROM complaint c
    WHERE ${f} AND ${received}
    GROUP BY GROUPING SETS ((c.channel), (c.category), (c.severity), (c.department_id))
    ORDER BY dim, n DESC, key NULLS LAST`;
  const by = (dim: string): CountBy[] =>
    dimensions.filter((r) => r.dim === dim).map((r) => ({ key: r.key, count: r.n }));

  const onTime = await tx.$queryRaw<{ kind: string; on_time: number; late: number }[]>`
    SELECT d.kind, ${onTimeColumns(now)}
    FROM complaint_deadline d JOIN complaint c ON c.id = d.complaint_id
    WHERE ${f} AND ${handled} AND ${within(Prisma.sql`d.due_at`, p)}
    GROUP BY d.kind`;

  const responsibility = await tx.$queryRaw<
    { department_id: string; complaints: number; share_points: number }[]
  >`
    SELECT r.department_id, count(*)::int AS complaints, sum(r.share)::int AS share_points
    FROM responsibility r JOIN complaint c ON c.id = r.complaint_id
    WHERE ${f} AND ${closedHandled}
    GROUP BY r.department_id
    ORDER BY share_points DESC, r.department_id`;

  const requested = within(Prisma.sql`m.created_at`, p);
  const decided = within(Prisma.sql`m.decided_at`, p);
  const [money] = await tx.$queryRaw<
    {
      requested_n: number;
      requested_amount: string;
      approved_n: number;
      approved_amount: string;
      rejected_n: number;
      rejected_amount: string;
    }[]
  >`
    SELECT
      count(*) FILTER (WHERE ${requested})::int AS requested_n,
      COALESCE(sum(m.amount) FILTER (WHERE ${requested}), 0)::numeric(16, 2)::text AS requested_amount,
      count(*) FILTER (WHERE ${decided} AND m.status = 'approved')::int AS approved_n,
      COALESCE(sum(m.amount) FILTER (WHERE ${decided} AND m.status = 'approved'), 0)::numeric(16, 2)::text
        AS approved_amount,
      count(*) FILTER (WHERE ${decided} AND m.status = 'rejected')::int AS rejected_n,
      COALESCE(sum(m.amount) FILTER (WHERE ${decided} AND m.status = 'rejected'), 0)::numeric(16, 2)::text
        AS rejected_amount
    FROM compensation m JOIN complaint c ON c.id = m.complaint_id
    WHERE ${f} AND (${requested} OR ${decided})`;

  const t: Totals = totals ?? {
    received: 0,
    repeats: 0,
    closed: 0,
    closed_invalid: 0,
    measured: 0,
    avg_s: null,
    p90_s: null,
    callbacks: 0,
    satisfied: 0,
  };
  return {
    period: p,
    received: t.received,
    repeats: t.repeats,
    byChannel: by("channel"),
    byCategory: by("category"),
    bySeverity: by("severity"),
    byDepartment: by("department"),
    closed: t.closed,
    closedInvalid: t.closed_invalid,
    handling: { measured: t.measured, averageSeconds: t.avg_s, p90Seconds: t.p90_s },
    onTime: sortKinds(onTime.map((r) => ({ kind: r.kind, onTime: r.on_time, late: r.late }))),
    callbacks: { total: t.callbacks, satisfied: t.satisfied },
    responsibility: responsibility.map((r) => ({
      departmentId: r.department_id,
      complaints: r.complaints,
      sharePoints: r.share_points,
    })),
    compensation: {
      requested: { count: money?.requested_n ?? 0, amount: money?.requested_amount ?? "0.00" },
      approved: { count: money?.approved_n ?? 0, amount: money?.approved_amount ?? "0.00" },
      rejected: { count: money?.rejected_n ?? 0, amount: money?.rejected_amount ?? "0.00" },
    },
  };
}

const kindOrder = ["first_reply", "result", "close"];
function sortKinds(rows: OnTimeByKind[]): OnTimeByKind[] {
  const rank = (k: string) => {
    const i = kindOrder.indexOf(k);
    return i === -1 ? kindOrder.length : i;
  };
  return rows.sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind));
}

/** Only these columns may be grouped by: they are spliced into the statement. */
const groupColumn: Record<GroupBy, Sql> = {
  agent: Prisma.raw("c.assignee_id"),
  dept: Prisma.raw("c.department_id"),
};

export async function groupedFigures(
  tx: Tx,
  by: GroupBy,
  filter: StatsFilter,
  p: Period,
  now: Date,
): Promise<GroupFigures[]> {
  const f = where(filter);
  const key = groupColumn[by];
  const closedHandled = Prisma.sql`(${within(Prisma.sql`c.closed_at`, p)} AND c.status = 'closed' AND ${handled})`;
  const callback = within(Prisma.sql`c.callback_at`, p);
  const open = Prisma.sql`c.status NOT IN ('closed', 'invalid')`;
  // An agent view is about the people who handle cases: unassigned ones are left out.
  const assigned = by === "agent" ? Prisma.sql`c.assignee_id IS NOT NULL` : Prisma.sql`TRUE`;
  const rows = await tx.$queryRaw<
    {
      key: string | null;
      handled: number;
      open: number;
      callbacks: number;
      satisfied: number;
      avg_s: number | null;
    }[]
  >`
    SELECT ${key} AS key,
      count(*) FILTER (WHERE ${closedHandled})::int AS handled,
      count(*) FILTER (WHERE ${open})::int AS open,
      count(*) FILTER (WHERE ${callback})::int AS callbacks,
      count(*) FILTER (WHERE ${callback} AND c.callback_satisfied)::int AS satisfied,
      (avg(c.handling_seconds) FILTER (WHERE ${closedHandled}))::float8 AS avg_s
    FROM complaint c
    WHERE ${f} AND ${assigned} AND (${closedHandled} OR ${callback} OR ${open})
    GROUP BY ${key}`;
  const deadlines = await tx.$queryRaw<{ key: string | null; on_time: number; late: number }[]>`
    SELECT ${key} AS key, ${onTimeColumns(now)}
    FROM complaint_deadline d JOIN complaint c ON c.id = d.complaint_id
    WHERE ${f} AND ${assigned} AND ${handled} AND ${within(Prisma.sql`d.due_at`, p)}
    GROUP BY ${key}`;
  const groups = new Map<string | null, GroupFigures>();
  const get = (k: string | null): GroupFigures => {
    let g = groups.get(k);
    if (!g) {
      g = {
        key: k,
        handled: 0,
        open: 0,
        onTime: { onTime: 0, late: 0 },
        callbacks: { total: 0, satisfied: 0 },
        averageHandlingSeconds: null,
      };
      groups.set(k, g);
    }
    return g;
  };
  for (const r of rows) {
    const g = get(r.key);
    g.handled = r.handled;
    g.open = r.open;
    g.callbacks = { total: r.callbacks, satisfied: r.satisfied };
    g.averageHandlingSeconds = r.avg_s;
  }
  for (const r of deadlines) get(r.key).onTime = { onTime: r.on_time, late: r.late };
  return [...groups.values()].sort(
    (a, b) =>
      b.handled - a.handled ||
      b.open - a.open ||
      (a.key ?? "\uffff").localeCompare(b.key ?? "\uffff"),
  );
}

export async function trendFigures(
  tx: Tx,
  filter: StatsFilter,
  periods: readonly Period[],
  now: Date,
): Promise<TrendPoint[]> {
  if (periods.length === 0) return [];
  const f = where(filter);
  const months = Prisma.sql`(VALUES ${Prisma.join(
    periods.map((p, i) => Prisma.sql`(${i}::int, ${p.from}::timestamptz, ${p.to}::timestamptz)`),
  )}) AS m(i, from_at, to_at)`;
  // One range join per figure: each month is an index range, and the planner
  // can hash-join the deadlines of all months with their complaints at once.
  const inMonth = (column: Sql) => Prisma.sql`${column} >= m.from_at AND ${column} < m.to_at`;
  const received = await tx.$queryRaw<{ i: number; n: number }[]>`
    SELECT m.i, count(*)::int AS n FROM ${months}
    JOIN complaint c ON ${inMonth(Prisma.sql`c.received_at`)}
    WHERE ${f} GROUP BY m.i`;
  const closed = await tx.$queryRaw<{ i: number; n: number }[]>`
    SELECT m.i, count(*)::int AS n FROM ${months}
    JOIN complaint c ON ${inMonth(Prisma.sql`c.closed_at`)}
    WHERE ${f} AND c.status = 'closed' AND ${handled} GROUP BY m.i`;
  const onTime = await tx.$queryRaw<{ i: number; on_time: number; late: number }[]>`
    SELECT m.i, ${onTimeColumns(now)} FROM ${months}
    JOIN complaint_deadline d ON ${inMonth(Prisma.sql`d.due_at`)}
    JOIN complaint c ON c.id = d.complaint_id
    WHERE ${f} AND ${handled} GROUP BY m.i`;
  return periods.map((p, i) => {
    const o = onTime.find((r) => r.i === i);
    return {
      label: p.label,
      received: received.find((r) => r.i === i)?.n ?? 0,
      closed: closed.find((r) => r.i === i)?.n ?? 0,
      onTime: { onTime: o?.on_time ?? 0, late: o?.late ?? 0 },
    };
  });
}
