// Nudge pipeline (issue #9, target 2): due deadlines through our worker —
// re-read the case in PostgreSQL, render, enqueue the delivery, claim its
// key, POST to a fake webhook API, mark it sent — against a bare BullMQ
// worker with a no-op processor on the same jobs; and how late nudges are
// when many timers fall due at the same instant.
//
//   npx tsx bench/nudge-pipeline.ts [--deadlines 100000] [--simultaneous 10000]
//                                   [--concurrency 8] [--baseline-runs 3] [--quick]
//
// Throughput: --deadlines complaints whose first reply fell due a minute ago
// are generated in SQL and scheduled by the real reconciler while the
// deadlines queue is paused (each complaint's "due" nudge goes to the wait
// list, its later ladder rungs stay delayed). Then our worker — `npm run
// worker` as a child process, delivering by webhook to the fake API in this
// process — is let loose and timed from the first to the last delivery.
// Every expected notification key must arrive exactly once, or the script
// fails. The baseline copies those waiting jobs (name, id, payload, default
// options) to a queue of its own on the same private Redis and drains it with
// a bare Worker and a no-op processor (bench/lib/nudge-bare-worker.ts, also
// a child process) at the same concurrency: one run before ours, the rest
// after, median taken. For context, details also hold a bare two-hop run
// (no-op nudge that only enqueues a delivery job, no-op delivery): our queue
// layout without our work.
//
// Lateness: --simultaneous complaints whose first reply falls due at one
// instant a few seconds ahead, scheduled by the reconciler before it; a
// nudge's lateness is when the fake API received it minus that instant.
// Details break it down by stage, and hold a bare no-op worker's lateness on
// as many jobs falling due together.
//
// Policy: the shipped defaults with `calendar.mode: 24x7`, as the fault tests
// use (no nudge waits for office hours), and `reminders.at: [1]`, so the only
// nudge before a deadline's ladder is "due" (the 50 % and 80 % reminders of a
// deadline due in a few seconds would fall due around the same time).
// Concurrency 8 is WORKER_CONCURRENCY's default; the delivery claim timeout
// is the production default (60 s), not the fault tests' 2 s.
// --quick: 2,000 deadlines, 500 simultaneous, one baseline run, no two-hop
// or bare-lateness context.
import { spawn } from "node:child_process";
import os from "node:os";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { Redis } from "ioredis";
import { createLogger } from "../src/logging.ts";
import { reconcile } from "../src/worker/reconciler.ts";
import { jobId, Queues, redisConnection, type NudgeJob } from "../src/worker/queues.ts";
import { createTestDatabase, type TestDatabase } from "../test/helpers/db.ts";
import {
  root,
  sleep,
  startPrivateRedis,
  waitFor,
  WorkerProcess,
  writePolicy,
} from "../test/faults/harness.ts";
import { commandLine, cpuMs, processTree } from "./lib/memory-proc.ts";
import type { BareWorkerReport } from "./lib/nudge-bare-worker.ts";
import { KeepAliveReceiver } from "./lib/nudge-receiver.ts";
import { dueNudgeKeys, schedulerDeps, seedComplaints, seedStaff } from "./lib/nudge-seed.ts";
import { boundFigure, machine, ratioFigure, writeResult, type Figure } from "./lib/result.ts";
import { median, summarize } from "./lib/stats.ts";

const { values } = parseArgs({
  options: {
    deadlines: { type: "string" },
    simultaneous: { type: "string" },
    concurrency: { type: "string", default: "8" },
    "baseline-runs": { type: "string" },
    quick: { type: "boolean", default: false },
  },
});
const quick = values.quick;
const deadlines = Number(values.deadlines ?? (quick ? 2_000 : 100_000));
const simultaneous = Number(values.simultaneous ?? (quick ? 500 : 10_000));
const concurrency = Number(values.concurrency);
const baselineRuns = Math.max(1, Number(values["baseline-runs"] ?? (quick ? 1 : 3)));
/** How long to watch for stray deliveries after the last expected one. */
const settleMs = quick ? 1_000 : 3_000;
const DAY = 86_400_000;
const logger = createLogger("warn");
const startedAt = new Date();
const t0 = performance.now();
const loadAverage: Record<string, number[]> = { start: os.loadavg() };

const redis = await startPrivateRedis();
const receiver = new KeepAliveReceiver();
const policy = writePolicy("reminders:\n  at: [1]\n");
const databases: TestDatabase[] = [];
const workers: WorkerProcess[] = [];
const connections: Redis[] = [];
let runId = 0;
const prefixFor = (what: string) => `{bench-nudge-${process.pid}-${++runId}-${what}}`;

/** Producers and inspection for one queue prefix, on a connection of their own. */
function queuesFor(prefix: string): Queues {
  const connection = redisConnection(redis.url);
  connections.push(connection);
  return new Queues({ connection, prefix });
}

async function newDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase("postgres");
  databases.push(db);
  await seedStaff(db.prisma);
  return db;
}

/**
 * `npm run worker` on a database with no complaints yet, so its start-up
 * reconcile has nothing to do; `ready` once it listens.
 */
function startWorker(
  db: TestDatabase,
  queues: Queues,
): { worker: WorkerProcess; ready: Promise<void> } {
  const worker = new WorkerProcess({
    databaseUrl: db.url ?? "",
    redisUrl: redis.url,
    prefix: queues.prefix,
    webhookUrl: receiver.url,
    policyFile: policy.file,
    concurrency,
    claimTimeout: "PT60S",
  });
  workers.push(worker);
  worker.start();
  // Ready once its workers listen and its job schedulers (registered just before the reconcile) exist.
  const ready = waitFor(
    "the worker to start",
    async () => {
      worker.assertAlive();
      const listening = await queues.deadlines.getWorkersCount();
      return listening > 0 && (await queues.maintenance.getJobSchedulersCount()) > 0;
    },
    60_000,
    100,
  ).then(() => sleep(500));
  return { worker, ready };
}

// ------------------------------------------------------------------ measuring

/** Pids of our child processes (any depth) whose command line contains `needle`. */
function childPids(needle: string): number[] {
  return processTree(process.pid)
    .slice(1)
    .filter((pid) => commandLine(pid).includes(needle));
}

async function backendPids(db: TestDatabase): Promise<number[]> {
  const rows = await db.prisma.$queryRawUnsafe<{ pid: number }[]>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
  );
  return rows.map((r) => r.pid);
}

interface Cpu {
  worker: number;
  redis: number;
  postgres: number;
  /** This process: the fake API (and the polling loop). */
  fakeApi: number;
}

/** CPU time (ms) used so far by each part of the pipeline. */
async function cpuSnapshot(db: TestDatabase, prefix: string): Promise<Cpu> {
  const sum = (pids: number[]) => pids.reduce((total, pid) => total + cpuMs(pid), 0);
  const usage = process.cpuUsage();
  // Both workers have the same command line: told apart by the pid noted at start.
  const worker = childPids("src/worker/main.ts").filter((pid) => workerPrefix.get(pid) === prefix);
  return {
    worker: sum(worker),
    redis: sum(childPids("redis-server")),
    postgres: sum(await backendPids(db)),
    fakeApi: (usage.user + usage.system) / 1000,
  };
}

/** Which worker pid serves which prefix, noted when each is started. */
const workerPrefix = new Map<number, string>();
function noteWorkerPid(prefix: string): void {
  for (const pid of childPids("src/worker/main.ts")) {
    if (!workerPrefix.has(pid)) workerPrefix.set(pid, prefix);
  }
}

const cpuDelta = (a: Cpu, b: Cpu): Cpu => ({
  worker: Math.round(b.worker - a.worker),
  redis: Math.round(b.redis - a.redis),
  postgres: Math.round(b.postgres - a.postgres),
  fakeApi: Math.round(b.fakeApi - a.fakeApi),
});
const perItem = (cpu: Cpu, n: number): Cpu => {
  const each = (ms: number) => Math.round((ms / n) * 1000) / 1000;
  return {
    worker: each(cpu.worker),
    redis: each(cpu.redis),
    postgres: each(cpu.postgres),
    fakeApi: each(cpu.fakeApi),
  };
};

/**
 * Committed transactions (one per autocommitted statement) in the database
 * so far. Idle backends report theirs up to 10 s late: after the work, wait
 * `lagMs` first (--quick does not, so its count may fall short).
 */
async function transactions(db: TestDatabase, lagMs = 0): Promise<number> {
  if (lagMs > 0) await sleep(lagMs);
  const rows = await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
    "SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()",
  );
  return Number(rows[0]?.n ?? 0);
}

function verifyExactlyOnce(expected: Set<string>, what: string): void {
  const received = new Set(receiver.delivered.keys());
  const missing = [...expected].filter((k) => !received.has(k));
  const unexpected = [...received].filter((k) => !expected.has(k));
  const repeated = [...receiver.delivered].filter(([, n]) => n > 1).map(([k]) => k);
  const refused = receiver.posts.filter((p) => p.status !== 200).length;
  if (missing.length + unexpected.length + repeated.length + refused > 0) {
    throw new Error(
      `${what}: not exactly once: ${missing.length} missing, ${unexpected.length} unexpected, ` +
        `${repeated.length} delivered twice, ${refused} refused; e.g. ` +
        [...missing, ...unexpected, ...repeated].slice(0, 3).join(", "),
    );
  }
}

/** Waits until every expected key arrived, then a while longer for strays. */
async function awaitDeliveries(worker: WorkerProcess, expected: Set<string>, timeoutMs: number) {
  await waitFor(
    "every nudge to reach the fake API",
    () => {
      worker.assertAlive();
      return receiver.delivered.size >= expected.size;
    },
    timeoutMs,
    20,
  );
  const arrived = receiver.posts.length;
  await sleep(settleMs);
  if (receiver.posts.length !== arrived) {
    throw new Error("deliveries kept arriving after the last expected one");
  }
}

// ------------------------------------------------------------------ bare worker

interface StoredJob {
  name: string;
  data: NudgeJob;
  jobId: string;
}

/** The jobs waiting in a paused queue, as plain values to add elsewhere. */
async function waitingJobs(queues: Queues): Promise<StoredJob[]> {
  const out: StoredJob[] = [];
  const PAGE = 1_000;
  for (let start = 0; ; start += PAGE) {
    const page = await queues.deadlines.getJobs(["waiting"], start, start + PAGE - 1, true);
    for (const job of page) {
      out.push({ name: job.name, data: job.data as NudgeJob, jobId: job.id ?? "" });
    }
    if (page.length < PAGE) break;
  }
  return out;
}

/**
 * A bare worker process on a fresh prefix: `fill` adds its jobs (to a paused
 * queue unless `live`), then the queue is resumed and the report awaited.
 */
async function bareRun(options: {
  mode: "one-hop" | "two-hop";
  count: number;
  live?: boolean;
  lateness?: boolean;
  fill: (queues: Queues) => Promise<void>;
}): Promise<BareWorkerReport & { wallMs: number; perSecond: number }> {
  // The same Queue class, hence the same default job options, as ours.
  const queues = queuesFor(prefixFor(`bare-${options.mode}`));
  if (!options.live) {
    await queues.deadlines.pause();
    await options.fill(queues);
  }
  const child = spawn(process.execPath, ["--import", "tsx", "bench/lib/nudge-bare-worker.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      REDIS_URL: redis.url,
      QUEUE_PREFIX: queues.prefix,
      CONCURRENCY: String(concurrency),
      COUNT: String(options.count),
      MODE: options.mode,
      ...(options.lateness ? { LATENESS: "1" } : {}),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const messages: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout }).on("line", (line) =>
    messages.push(JSON.parse(line) as Record<string, unknown>),
  );
  try {
    await waitFor("the bare worker to listen", () => messages.some((m) => m.ready), 60_000, 20);
    if (options.live) await options.fill(queues);
    else await queues.deadlines.resume();
    const report = await waitFor(
      "the bare worker to finish",
      () => messages.find((m) => m.done === true) as BareWorkerReport | undefined,
      600_000,
      20,
    );
    await exited;
    const wallMs = report.lastCompletedAt - report.firstStartedAt;
    return { ...report, wallMs, perSecond: (options.count * 1000) / wallMs };
  } finally {
    child.kill("SIGKILL");
    await queues.deadlines.obliterate({ force: true }).catch(() => undefined);
    await queues.notifications.obliterate({ force: true }).catch(() => undefined);
  }
}

async function bareThroughput(jobs: readonly StoredJob[], mode: "one-hop" | "two-hop") {
  const run = await bareRun({
    mode,
    count: jobs.length,
    fill: async (queues) => {
      for (let i = 0; i < jobs.length; i += 1_000) {
        await queues.deadlines.addBulk(
          jobs
            .slice(i, i + 1_000)
            .map((j) => ({ name: j.name, data: j.data, opts: { jobId: j.jobId } })),
        );
      }
    },
  });
  console.log(
    `  bare ${mode} worker: ${jobs.length} jobs in ${run.wallMs} ms (${Math.round(run.perSecond)}/s)`,
  );
  return run;
}

// ------------------------------------------------------------------ throughput

async function throughput(db: TestDatabase, queues: Queues, worker: WorkerProcess) {
  console.log(`throughput: ${deadlines} due deadlines, concurrency ${concurrency}`);
  const due = new Date(Date.now() - 60_000);
  const received = new Date(due.getTime() - 2 * DAY);
  const seedStarted = performance.now();
  await seedComplaints(db.prisma, {
    count: deadlines,
    tag: "T",
    receivedAt: received,
    deadlines: [{ kind: "first_reply", clock: "calendar", startedAt: received, dueAt: due }],
  });
  const seedMs = performance.now() - seedStarted;
  const expected = await dueNudgeKeys(db.prisma, "T");

  const deps = { ...schedulerDeps(db.prisma, queues, policy.file), logger };
  const scheduleStarted = performance.now();
  const scheduled = await reconcile(deps);
  const scheduleMs = performance.now() - scheduleStarted;
  const jobs = await waitingJobs(queues);
  const delayed = await queues.deadlines.getDelayedCount();
  console.log(
    `  seeded in ${Math.round(seedMs)} ms; the reconciler scheduled ${scheduled.milestones} nudges of ` +
      `${scheduled.complaints} complaints in ${Math.round(scheduleMs)} ms (${jobs.length} due now, ${delayed} later)`,
  );
  if (jobs.length !== deadlines) {
    throw new Error(`expected ${deadlines} due nudges, ${jobs.length} are waiting`);
  }

  const bare = [await bareThroughput(jobs, "one-hop")];

  const cpuBefore = await cpuSnapshot(db, queues.prefix);
  const xactBefore = await transactions(db);
  const reconcilesBefore = await queues.maintenance.getCompletedCount();
  const resumedAt = Date.now();
  await queues.deadlines.resume();
  await awaitDeliveries(worker, expected, Math.max(120_000, deadlines * 30));
  const cpuAfter = await cpuSnapshot(db, queues.prefix);
  const measuredMs = Date.now() - resumedAt;
  const cpu = cpuDelta(cpuBefore, cpuAfter);
  const statements = (await transactions(db, quick ? 0 : 11_000)) - xactBefore;
  verifyExactlyOnce(expected, "throughput");
  const reconcilesDuring = (await queues.maintenance.getCompletedCount()) - reconcilesBefore;
  const arrivals = receiver.posts.map((p) => p.at);
  const first = Math.min(...arrivals);
  const last = Math.max(...arrivals);
  await worker.stop();
  receiver.posts.length = 0;
  receiver.delivered.clear();
  const wallMs = last - first;
  const oursPerSecond = (expected.size * 1000) / wallMs;
  console.log(
    `  ours: ${expected.size} nudges delivered exactly once in ${wallMs} ms (${Math.round(oursPerSecond)}/s)`,
  );

  for (let i = 1; i < baselineRuns; i++) bare.push(await bareThroughput(jobs, "one-hop"));
  const twoHop = quick ? null : await bareThroughput(jobs, "two-hop");
  return {
    oursPerSecond,
    barePerSecond: median(bare.map((b) => b.perSecond)),
    twoHopPerSecond: twoHop?.perSecond,
    bareCpuPerJob: median(bare.map((b) => b.cpuMs / b.count)),
    cpuPerNudge: perItem(cpu, expected.size),
    scheduleMsPerComplaint: scheduleMs / scheduled.complaints,
    details: {
      seedMs: Math.round(seedMs),
      reconcile: {
        complaints: scheduled.complaints,
        nudgesScheduled: scheduled.milestones,
        dueNow: jobs.length,
        delayed,
        ms: Math.round(scheduleMs),
        complaintsPerSecond: Math.round((scheduled.complaints * 1000) / scheduleMs),
      },
      ours: {
        delivered: expected.size,
        firstToLastMs: wallMs,
        fromResumeMs: last - resumedAt,
        perSecond: Math.round(oursPerSecond),
        postgresTransactionsPerNudge: Math.round((statements / expected.size) * 100) / 100,
        // Share of one core the worker process got: near 1, it is CPU-bound.
        workerCoreUse: Math.round((cpu.worker / measuredMs) * 100) / 100,
        periodicReconcilesDuringRun: reconcilesDuring,
      },
      bareOneHopRuns: bare.map((b) => ({
        perSecond: Math.round(b.perSecond),
        wallMs: b.wallMs,
        cpuMsPerJob: Math.round((b.cpuMs / b.count) * 1000) / 1000,
      })),
      bareTwoHop: twoHop && {
        perSecond: Math.round(twoHop.perSecond),
        wallMs: twoHop.wallMs,
        cpuMsPerJob: Math.round((twoHop.cpuMs / twoHop.count) * 1000) / 1000,
      },
      cpuMsDuringOurRun: cpu,
      cpuMsPerNudge: perItem(cpu, expected.size),
    },
  };
}

// ------------------------------------------------------------------ lateness

async function lateness(
  db: TestDatabase,
  queues: Queues,
  worker: WorkerProcess,
  scheduleMsPerComplaint: number,
) {
  console.log(`lateness: ${simultaneous} timers falling due at one instant`);
  // Seeded far off, moved to the common instant once we know when scheduling will be done.
  await seedComplaints(db.prisma, {
    count: simultaneous,
    tag: "L",
    receivedAt: new Date(),
    deadlines: [
      {
        kind: "first_reply",
        clock: "calendar",
        startedAt: new Date(),
        dueAt: new Date(Date.now() + DAY),
      },
    ],
  });
  const expected = await dueNudgeKeys(db.prisma, "L");
  const dueAt =
    Date.now() + Math.round(simultaneous * scheduleMsPerComplaint * 1.5 + (quick ? 1_000 : 2_000));
  await db.prisma.$executeRawUnsafe(
    "UPDATE complaint_deadline SET due_at = $1, started_at = $2",
    new Date(dueAt),
    new Date(dueAt - 2 * DAY),
  );
  const scheduled = await reconcile({ ...schedulerDeps(db.prisma, queues, policy.file), logger });
  const aheadMs = dueAt - Date.now();
  console.log(
    `  the reconciler scheduled ${scheduled.milestones} nudges of ${scheduled.complaints} complaints, ${aheadMs} ms before they fall due`,
  );
  if (aheadMs < 500) throw new Error(`scheduling ended only ${aheadMs} ms before the due instant`);

  const cpuBefore = await cpuSnapshot(db, queues.prefix);
  await awaitDeliveries(worker, expected, aheadMs + Math.max(120_000, simultaneous * 30));
  const cpuAfter = await cpuSnapshot(db, queues.prefix);
  verifyExactlyOnce(expected, "lateness");
  const late = summarize(receiver.posts.map((p) => p.at - dueAt));

  // Where the time goes: when each nudge job started and ended (BullMQ's
  // job hash), when its delivery was claimed and marked sent (the ledger).
  const ids = await db.prisma.$queryRawUnsafe<{ id: string }[]>(
    "SELECT id::text AS id FROM complaint",
  );
  const pipeline = redis.client.pipeline();
  for (const { id } of ids) {
    const key = `${queues.prefix}:deadlines:${jobId.nudge(id, "first_reply", "due", 1)}`;
    pipeline.hmget(key, "processedOn", "finishedOn");
  }
  const stamps = ((await pipeline.exec()) ?? []).map(([, v]) => v as (string | null)[]);
  const ledgerRows = await db.prisma.notificationDelivery.findMany({
    select: { claimedAt: true, sentAt: true },
  });
  const since = (ms: number | undefined) => (ms ?? Number.NaN) - dueAt;
  const stages = {
    nudgeJobStarted: summarize(stamps.map(([p]) => since(Number(p)))),
    nudgeJobFinished: summarize(stamps.map(([, f]) => since(Number(f)))),
    deliveryClaimed: summarize(ledgerRows.map((r) => since(r.claimedAt?.getTime()))),
    deliveryMarkedSent: summarize(ledgerRows.map((r) => since(r.sentAt?.getTime()))),
    receivedByFakeApi: late,
  };
  await worker.stop();
  receiver.posts.length = 0;
  receiver.delivered.clear();
  console.log(`  ours: lateness p50 ${late.p50Ms} ms, p99 ${late.p99Ms} ms, max ${late.maxMs} ms`);

  // For context: as many jobs falling due together on a bare no-op worker.
  const bare = quick ? null : await bareLateness(expected);
  const cpu = cpuDelta(cpuBefore, cpuAfter);
  return {
    summary: late,
    bareP99Ms: bare?.lateness?.p99Ms,
    details: {
      nudgesScheduled: scheduled.milestones,
      scheduledAheadMs: aheadMs,
      lateness: late,
      stagesSinceDue: stages,
      drainPerSecond: Math.round((expected.size * 1000) / Math.max(1, late.maxMs)),
      cpuMsDuringDrain: cpu,
      cpuMsPerNudge: perItem(cpu, expected.size),
      bareNoOpLateness: bare?.lateness ?? null,
    },
  };
}

async function bareLateness(expected: Set<string>) {
  const bare = await bareRun({
    mode: "one-hop",
    count: expected.size,
    live: true,
    lateness: true,
    fill: async (bareQueues) => {
      // Far enough ahead for every job to be added first.
      const bareDue = Date.now() + 1_000 + Math.round(expected.size / 5);
      const ids = [...expected].map((key) => key.split("|")[1] ?? "");
      for (let i = 0; i < ids.length; i += 1_000) {
        await bareQueues.deadlines.addBulk(
          ids.slice(i, i + 1_000).map((id) => ({
            name: "nudge",
            data: {
              complaintId: id,
              deadlineKind: "first_reply",
              milestoneId: "due",
              version: 1,
              at: bareDue,
            },
            opts: {
              jobId: jobId.nudge(id, "first_reply", "due", 1),
              delay: bareDue - Date.now(),
            },
          })),
        );
      }
      if (Date.now() > bareDue - 200) throw new Error("the bare jobs were added too late");
    },
  });
  console.log(
    `  bare no-op worker: lateness p50 ${bare.lateness?.p50Ms} ms, p99 ${bare.lateness?.p99Ms} ms`,
  );
  return bare;
}

// ------------------------------------------------------------------ run

function throughputNote(tp: Awaited<ReturnType<typeof throughput>>): string | undefined {
  const ratio = tp.oursPerSecond / tp.barePerSecond;
  if (ratio >= 0.5) return undefined;
  const c = tp.cpuPerNudge;
  const o = tp.details.ours;
  const total = Math.round((c.worker + c.postgres + c.redis + c.fakeApi) * 100) / 100;
  return (
    `${Math.round(0.5 / ratio)}x short. Ours is CPU-bound: per nudge the worker process uses ${c.worker} ms of CPU ` +
    `(the bare no-op ${Math.round(tp.bareCpuPerJob * 1000) / 1000} ms per job), PostgreSQL ${c.postgres} ms, ` +
    `Redis ${c.redis} ms and the fake API ${c.fakeApi} ms: ${total} ms of CPU per nudge on ${os.cpus().length} cores, ` +
    `the worker at ${o.workerCoreUse} of a core. Each nudge is two BullMQ jobs (nudge, delivery), ` +
    `${o.postgresTransactionsPerNudge} PostgreSQL statements through Prisma and one HTTP POST` +
    (tp.twoHopPerSecond === undefined
      ? "."
      : `; our two-queue layout with no-op processors alone runs at ${Math.round(tp.twoHopPerSecond)}/s.`) +
    (o.periodicReconcilesDuringRun > 0
      ? ` The periodic reconcile (every 5 min, over all ${deadlines} open complaints) ran ${o.periodicReconcilesDuringRun} time(s) in the same worker during the run.`
      : "")
  );
}

function latenessNote(
  late: Awaited<ReturnType<typeof lateness>>,
  tp: Awaited<ReturnType<typeof throughput>>,
) {
  if (late.summary.p99Ms < 1_000) return undefined;
  const stages = late.details.stagesSinceDue;
  const s = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  return (
    `${s(late.summary.p99Ms)}, ${Math.round(late.summary.p99Ms / 1000)}x the bound. The nudges wait for a free job slot: ` +
    `their jobs start p50 ${s(stages.nudgeJobStarted.p50Ms)} / p99 ${s(stages.nudgeJobStarted.p99Ms)} after the due instant, ` +
    `then reach the API ${Math.round(stages.receivedByFakeApi.meanMs - stages.nudgeJobStarted.meanMs)} ms later on average. ` +
    `${simultaneous} nudges drain at ${late.details.drainPerSecond}/s (${Math.round(tp.oursPerSecond)}/s in the throughput run), ` +
    `so p99 ≈ ${simultaneous} / rate.` +
    (late.bareP99Ms === undefined
      ? ""
      : ` A bare no-op worker with as many jobs due together: p99 ${late.bareP99Ms} ms.`)
  );
}

try {
  await receiver.start();
  const [dbT, dbL] = await Promise.all([newDatabase(), newDatabase()]);
  const queuesT = queuesFor(prefixFor("ours"));
  const queuesL = queuesFor(prefixFor("late"));
  // Paused from the start: nothing runs while the backlog is being built.
  await queuesT.deadlines.pause();
  const workerT = startWorker(dbT, queuesT);
  noteWorkerPid(queuesT.prefix);
  const workerL = startWorker(dbL, queuesL);
  noteWorkerPid(queuesL.prefix);
  await Promise.all([workerT.ready, workerL.ready]);

  const tp = await throughput(dbT, queuesT, workerT.worker);
  loadAverage.afterThroughput = os.loadavg();
  const late = await lateness(dbL, queuesL, workerL.worker, tp.scheduleMsPerComplaint);
  loadAverage.end = os.loadavg();
  const figures: Figure[] = [
    ratioFigure({
      metric: `throughput (nudges/s, ${deadlines} due deadlines)`,
      ours: Math.round(tp.oursPerSecond),
      baseline: Math.round(tp.barePerSecond),
      comparison: ">=",
      target: 0.5,
      unit: "jobs/s",
      ...(throughputNote(tp) ? { note: throughputNote(tp) } : {}),
    }),
    boundFigure({
      metric: `nudge lateness p99 (${simultaneous} timers due together)`,
      ours: Math.round(late.summary.p99Ms) / 1000,
      comparison: "<",
      target: 1,
      unit: "s",
      ...(latenessNote(late, tp) ? { note: latenessNote(late, tp) } : {}),
    }),
  ];
  writeResult({
    name: "nudge-pipeline",
    title: "Nudge pipeline",
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    machine: machine(),
    parameters: {
      deadlines,
      simultaneous,
      concurrency,
      baselineRuns,
      quick,
      policy: "defaults + calendar.mode 24x7 + reminders.at [1]",
    },
    figures,
    details: { throughput: tp.details, lateness: late.details, loadAverage },
  });
} finally {
  await Promise.all(workers.map((w) => w.kill9()));
  for (const c of connections) c.disconnect();
  await Promise.all([redis.stop(), receiver.stop(), ...databases.map((d) => d.close())]);
  policy.remove();
}
