// Query cost as the table grows (issue #9, target 3):
//
//   npm run bench -- queries        or   npx tsx bench/queries.ts [--quick]
//   flags: --small 10000 --large 1000000 --runs 15
//
// 1. Monthly statistics over the large table: our `stats` figures (the
//    repository behind `complaint stats`, through Prisma) against one
//    hand-written GROUP BY on the same month, sent with a bare `pg` client.
//    Target: ours <= 1.5x.
// 2. `complaint list filter:overdue` and `filter:mine`, run through the
//    engine (permission, query, masking, rendering), at the small size and
//    again after the table has grown to the large size. Target: <= 2x.
//
// The data: the small phase inserts `small` complaints of which one in five
// is open, received over the last 20 days (so part of their deadlines have
// passed). Growing to `large` adds closed history only: a year of settled
// cases, the way a real table grows. The open work (what `list` shows) stays
// the same size; what is measured is whether history slows the lists down.
// Each timing is the median of `runs` runs after warm-up; ours and the
// baseline alternate so both see the same cache and load.
import { parseArgs } from "node:util";
import pg from "pg";
import { monthPeriod } from "../src/core/reports/period.ts";
import { reportRepository } from "../src/store/repositories/reports.ts";
import { createTestEngine, type TestEngine } from "../test/helpers/engine.ts";
import { generateComplaints, seedDepartments } from "./lib/complaint-data.ts";
import { machine, ratioFigure, writeResult, type Figure } from "./lib/result.ts";
import { median, summarize } from "./lib/stats.ts";

const { values } = parseArgs({
  options: {
    small: { type: "string", default: "10000" },
    large: { type: "string", default: "1000000" },
    runs: { type: "string", default: "15" },
    quick: { type: "boolean", default: false },
  },
});
const quick = values.quick;
const small = quick ? 2_000 : Number(values.small);
const large = quick ? 20_000 : Number(values.large);
const runs = quick ? 5 : Number(values.runs);
const WARMUP = 3;
const NOW = "2026-11-23T02:00:00Z";
const MONTH = { year: 2026, month: 6 };

const started = performance.now();
const log = (line: string) => console.error(`[queries] ${line}`);

async function timeRuns(work: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** Runs a list command and checks it answered (a failing command would time nothing real). */
async function listOnce(t: TestEngine, actor: string, filter: string): Promise<number> {
  const outcome = await t.engine.execute(`list filter:${filter}`, actor);
  if (!outcome.ok) throw new Error(`list filter:${filter} failed: ${outcome.text}`);
  const total = (outcome as { total?: number }).total;
  if (typeof total !== "number") throw new Error(`list filter:${filter} returned no total`);
  return total;
}

interface ListTiming {
  rows: number;
  overdue: { total: number; ms: number[] };
  mine: { total: number; ms: number[] };
}

async function measureLists(t: TestEngine, rows: number): Promise<ListTiming> {
  const overdueTotal = await listOnce(t, "gm", "overdue");
  const mineTotal = await listOnce(t, "agent7", "mine");
  const overdue: number[] = [];
  const mine: number[] = [];
  // Interleaved, so both lists see the same state of the caches.
  await timeRuns(async () => {
    const t0 = performance.now();
    await listOnce(t, "gm", "overdue");
    overdue.push(performance.now() - t0);
    const t1 = performance.now();
    await listOnce(t, "agent7", "mine");
    mine.push(performance.now() - t1);
  });
  // The warm-up runs pushed samples too: keep the measured ones.
  return {
    rows,
    overdue: { total: overdueTotal, ms: overdue.slice(WARMUP) },
    mine: { total: mineTotal, ms: mine.slice(WARMUP) },
  };
}

const t = await createTestEngine("postgres", { now: NOW });
const bare = new pg.Client({ connectionString: t.db.url });
try {
  await bare.connect();
  await seedDepartments(t.db.prisma);
  for (const line of [
    'staff add id:gm name:"Gao Ming" role:gm',
    'staff add id:agent7 name:"Agent Seven" role:agent dept:billing manager:gm',
  ]) {
    const outcome = await t.engine.execute(line, "admin");
    if (!outcome.ok) throw new Error(`${line}: ${outcome.text}`);
  }
  const now = new Date(NOW);

  log(`generating ${small} complaints (one in five open)`);
  await generateComplaints(t.db.prisma, {
    first: 1,
    count: small,
    historyStart: "2025-11-01 00:00+08",
    openWhen: "i % 5 = 0",
    now,
    openSpreadDays: 20,
  });
  const atSmall = await measureLists(t, small);

  log(`growing to ${large} complaints (closed history)`);
  const generateStarted = performance.now();
  const batch = 250_000;
  for (let first = small + 1; first <= large; first += batch) {
    await generateComplaints(t.db.prisma, {
      first,
      count: Math.min(batch, large - first + 1),
      historyStart: "2025-11-01 00:00+08",
      openWhen: "false",
      now,
      openSpreadDays: 20,
    });
    log(`  ${Math.min(large, first + batch - 1)} rows`);
  }
  const generateMs = performance.now() - generateStarted;
  await t.db.prisma.$executeRawUnsafe("VACUUM ANALYZE");
  const atLarge = await measureLists(t, large);
  if (atLarge.overdue.total !== atSmall.overdue.total || atLarge.mine.total !== atSmall.mine.total)
    throw new Error("the open work changed while the history grew: the comparison would be unfair");

  log("monthly statistics: ours against one hand-written GROUP BY");
  const period = monthPeriod(MONTH.year, MONTH.month, t.policy.timezone);
  const reports = reportRepository(t.db.prisma);
  const groupBy = `
    SELECT channel, category, severity, department_id,
      count(*) AS received,
      count(*) FILTER (WHERE status = 'closed') AS closed,
      avg(handling_seconds) AS avg_handling,
      count(*) FILTER (WHERE callback_satisfied) AS satisfied
    FROM complaint
    WHERE received_at >= $1 AND received_at < $2
    GROUP BY channel, category, severity, department_id`;
  const ours: number[] = [];
  const baseline: number[] = [];
  let received = 0;
  let groups = 0;
  for (let i = 0; i < WARMUP + runs; i++) {
    const t0 = performance.now();
    const figures = await reports.monthly({}, period, now);
    const t1 = performance.now();
    const result = await bare.query(groupBy, [period.from, period.to]);
    const t2 = performance.now();
    received = figures.received;
    groups = result.rowCount ?? 0;
    if (i >= WARMUP) {
      ours.push(t1 - t0);
      baseline.push(t2 - t1);
    }
  }
  const fullStats = await timeRuns(async () => {
    const outcome = await t.engine.execute(`stats month:${period.label} charts:no`, "gm");
    if (!outcome.ok) throw new Error(`stats failed: ${outcome.text}`);
  });

  const figures: Figure[] = [
    ratioFigure({
      metric: `monthly statistics, ${large.toLocaleString("en")} complaints (median ms)`,
      ours: median(ours),
      baseline: median(baseline),
      comparison: "<=",
      target: 1.5,
      unit: "ms",
    }),
    ratioFigure({
      metric: `list overdue, ${large.toLocaleString("en")} vs ${small.toLocaleString("en")} rows (median ms)`,
      ours: median(atLarge.overdue.ms),
      baseline: median(atSmall.overdue.ms),
      comparison: "<=",
      target: 2,
      unit: "ms",
    }),
    ratioFigure({
      metric: `list mine, ${large.toLocaleString("en")} vs ${small.toLocaleString("en")} rows (median ms)`,
      ours: median(atLarge.mine.ms),
      baseline: median(atSmall.mine.ms),
      comparison: "<=",
      target: 2,
      unit: "ms",
    }),
  ];
  writeResult({
    name: "queries",
    title: `Queries at ${large.toLocaleString("en")} rows`,
    startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
    durationMs: Math.round(performance.now() - started),
    machine: machine(),
    parameters: { small, large, runs, warmup: WARMUP, month: period.label, quick },
    figures,
    details: {
      monthReceived: received,
      groupByRows: groups,
      statsRepositoryMs: summarize(ours),
      groupByMs: summarize(baseline),
      statsCommandWithoutChartsMs: summarize(fullStats),
      listOverdue: {
        total: atSmall.overdue.total,
        smallMs: summarize(atSmall.overdue.ms),
        largeMs: summarize(atLarge.overdue.ms),
      },
      listMine: {
        total: atSmall.mine.total,
        smallMs: summarize(atSmall.mine.ms),
        largeMs: summarize(atLarge.mine.ms),
      },
      generateLargeMs: Math.round(generateMs),
    },
  });
} finally {
  await bare.end().catch(() => {});
  await t.close();
}
