// Memory (issue #9, target 4): resident memory of the bot plus worker —
// `npm start` without chat tokens, i.e. src/main.ts running the console and
// the in-process deadline worker (and the ops HTTP server) — idle, and with
// 100,000 nudge timers scheduled.
//
//   npx tsx bench/memory.ts [--timers 100000] [--complaints N] [--settle 30]
//                           [--settle-max 120] [--window 10] [--repeats 3] [--quick]
//
// The product runs as a child process (`node --import tsx src/main.ts`,
// what `npm start` ends up running) against an isolated PostgreSQL database
// and a private redis-server, with stdin held open so the console keeps
// running, and the shipped default policy. RSS is VmRSS from /proc, summed
// over the process and any children. Once the product is up, it is left to
// settle — at least --settle seconds, until its RSS has stayed within 2 % for
// 10 s (V8 returns memory some seconds after a burst of work), at most
// --settle-max — then sampled every 200 ms for --window seconds. A start's
// figure is its largest sample; when V8 hands memory back varies, so each
// figure is the median over --repeats (3) starts. The peak before settling
// is in details and notes.
//
// Timers are delayed nudge jobs in Redis. Open complaints are generated in
// SQL, each with three running deadlines (first reply 48 h, result 3 days,
// close 13 days); the default policy plans 8 nudges per deadline (reminders
// at 50 % and 80 %, due, four escalation rungs, the first chase), so 24 per
// complaint and --timers / 24 complaints (--complaints overrides). The
// product schedules them itself: its reconciler runs at start, before the
// console comes up; RSS is sampled during that too (details).
//
// For context (details): a bare `node -e` process with a BullMQ Worker and a
// pg pool connected; the process tree of a literal `npm start` (npm, sh, the
// tsx launcher and node); and what the idle figure is made of (node, the tsx
// loader, the packages imported at start). Diagnostics (details, never the
// figures' runs): both starts again with a preload that forces a full GC on
// SIGUSR2, to tell live memory from garbage not yet collected. --quick: 5,000
// timers, 2 s settle and window, one start each, none of the context and
// diagnostic runs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultHolidayCalendar } from "../src/calendar/chinese-days.ts";
import { loadPolicy } from "../src/config/policy-file.ts";
import { BusinessCalendar } from "../src/core/calendar/business-calendar.ts";
import { milestonesFor, pendingMilestones } from "../src/core/deadlines/milestones.ts";
import { createTestDatabase } from "../test/helpers/db.ts";
import { freePort, metric, startPrivateRedis, waitFor } from "../test/faults/harness.ts";
import { commandLine, mb, processTree, rssBytes } from "./lib/memory-proc.ts";
import { ProductProcess, summarizeRss, type RssSample } from "./lib/memory-product.ts";
import { seedComplaints, seedStaff, type DeadlineSpec } from "./lib/nudge-seed.ts";
import { boundFigure, machine, writeResult, type Figure } from "./lib/result.ts";

const { values } = parseArgs({
  options: {
    timers: { type: "string" },
    complaints: { type: "string" },
    settle: { type: "string" },
    "settle-max": { type: "string" },
    window: { type: "string" },
    repeats: { type: "string" },
    quick: { type: "boolean", default: false },
  },
});
const quick = values.quick;
const timers = Number(values.timers ?? (quick ? 5_000 : 100_000));
const settleMs = Number(values.settle ?? (quick ? 2 : 30)) * 1000;
/** How long the RSS must hold still to count as settled; V8's memory reducer acts after ~8 s of quiet. */
const stableMs = quick ? 3_000 : 10_000;
const settleMaxMs = Number(values["settle-max"] ?? (quick ? 10 : 120)) * 1000;
const windowMs = Number(values.window ?? (quick ? 2 : 10)) * 1000;
/** When V8 hands memory back varies from run to run: each figure is the median of this many starts. */
const repeats = Math.max(1, Number(values.repeats ?? (quick ? 1 : 3)));
const IDLE_TARGET_MB = 200;
const TIMERS_TARGET_MB = 400;
const HOUR = 3_600_000;
const startedAt = new Date();
const t0 = performance.now();

const RUNNING = "complaint-desk is running";
const BARE_SCRIPT = `
import { Worker } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
const connection = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: null });
const worker = new Worker("deadlines", async () => {}, { connection, prefix: process.env.QUEUE_PREFIX });
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
await pool.query("SELECT 1");
await worker.waitUntilReady();
console.log("bare ready");
setInterval(() => {}, 60_000);
`;

/** Packages an idle console on PostgreSQL uses. */
const CORE_MODULES = [
  "pg",
  "@prisma/adapter-pg",
  "./src/generated/prisma/client.ts",
  "bullmq",
  "ioredis",
  "express",
  "@bull-board/express",
  "prom-client",
  "pino",
  "chinese-days",
  "zod",
  "yaml",
];
/**
 * Imported at start too (statically), but used only for charts, XLSX
 * exports, Slack, Discord, the embedded database, or migrations.
 */
const OPTIONAL_MODULES = [
  "echarts",
  "@resvg/resvg-js",
  "exceljs",
  "discord.js",
  "@slack/bolt",
  "@electric-sql/pglite",
  "pglite-prisma-adapter",
  "./src/store/migrate/schema-engine.ts",
];
const importScript = (modules: readonly string[]) => `
for (const m of ${JSON.stringify(modules)}) {
  await import(m.startsWith(".") ? new URL(m, "file://" + process.cwd() + "/").href : m);
}
console.log("imported");
setInterval(() => {}, 60_000);
`;

/**
 * Preloaded into the diagnostic runs only (never the figures' runs): on
 * SIGUSR2, a full garbage collection, then the process's memory as a JSON
 * line on stderr. It tells live memory from garbage V8 has not collected yet.
 */
const GC_PROBE =
  "data:text/javascript," +
  encodeURIComponent(
    'process.on("SIGUSR2", () => { globalThis.gc(); process.stderr.write(JSON.stringify({ gcProbe: process.memoryUsage() }) + "\\n"); });',
  );
const PRODUCT_ARGS = ["--import", "tsx", "src/main.ts"];
const PROBED_ARGS = ["--expose-gc", "--import", GC_PROBE, ...PRODUCT_ARGS];

const redis = await startPrivateRedis();
const db = await createTestDatabase("postgres");
const dataDir = mkdtempSync(path.join(tmpdir(), "cd-bench-memory-"));
const processes: ProductProcess[] = [];

/** The product's environment; each `run` has a queue prefix of its own, so each schedules afresh. */
async function productEnv(run: string): Promise<Record<string, string>> {
  return {
    TZ: "Asia/Shanghai",
    DATABASE_URL: db.url ?? "",
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `{bench-memory-${process.pid}-${run}}`,
    // The ops server is on in production (health, metrics); here it also tells us the heap.
    HTTP_PORT: String(await freePort()),
    LOG_LEVEL: "info",
    DATA_DIR: dataDir,
  };
}

const inMb = (s: ReturnType<typeof summarizeRss>) => ({
  samples: s.samples,
  maxMb: mb(s.maxBytes),
  meanMb: mb(s.meanBytes),
  minMb: mb(s.minBytes),
  byProcessAtMaxMb: Object.fromEntries(
    Object.entries(s.byCommandAtMax).map(([k, v]) => [k, mb(v)]),
  ),
});

/** V8's view from the ops server's /metrics (prom-client default metrics). */
async function heapOf(env: Record<string, string>) {
  try {
    const text = await (await fetch(`http://127.0.0.1:${env.HTTP_PORT}/metrics`)).text();
    const read = (name: string) => mb(metric(text, `complaint_desk_${name}`));
    return {
      heapUsedMb: read("nodejs_heap_size_used_bytes"),
      heapTotalMb: read("nodejs_heap_size_total_bytes"),
      externalMb: read("nodejs_external_memory_bytes"),
    };
  } catch {
    return null;
  }
}

/** Starts a process, waits for `readyLine`, rests, samples; returns what it saw. */
async function measure(
  what: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  readyLine: string,
  timing: { settleMs: number; windowMs: number } = { settleMs, windowMs },
  probe = false,
) {
  const p = new ProductProcess(command, args, env);
  processes.push(p);
  const startup: RssSample[] = [];
  const started = Date.now();
  p.start();
  await p.waitForLine(readyLine, 900_000, startup);
  const startMs = Date.now() - started;
  const settled = await p.settle(timing.settleMs, Math.max(timing.settleMs, settleMaxMs), stableMs);
  const settleSamples = settled.samples;
  const window = await p.sampleFor(timing.windowMs);
  const v8 = await heapOf(env);
  const afterGc = probe ? await forceGc(p) : null;
  await p.stop();
  const idle = summarizeRss(window);
  console.log(
    `${what}: up in ${startMs} ms, ${settled.stable ? "settled" : "NOT settled"} after ${settled.settledMs} ms; ` +
      `RSS max ${mb(idle.maxBytes)} MB over ${timing.windowMs / 1000} s ` +
      `(peak before: ${mb(summarizeRss([...startup, ...settleSamples]).maxBytes)} MB)`,
  );
  return {
    process: p,
    startMs,
    settledMs: settled.settledMs,
    settled: settled.stable,
    window: idle,
    startup: summarizeRss([...startup, ...settleSamples]),
    heap: v8,
    afterGc,
  };
}

/** With GC_PROBE loaded: a full collection, then the process's own figures and RSS. */
async function forceGc(p: ProductProcess) {
  const before = p.sample().total;
  process.kill(p.pid, "SIGUSR2");
  const line = await waitFor(
    "the GC probe to answer",
    () => p.logs.find((l) => typeof l.gcProbe === "object"),
    10_000,
    50,
  );
  const usage = line.gcProbe as NodeJS.MemoryUsage;
  const after = summarizeRss(await p.sampleFor(2_000));
  return {
    rssBeforeMb: mb(before),
    rssMb: mb(after.maxBytes),
    heapUsedMb: mb(usage.heapUsed),
    heapTotalMb: mb(usage.heapTotal),
    externalMb: mb(usage.external),
  };
}

function redisMemory(info: string) {
  const used = Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? Number.NaN);
  const pid = processTree(process.pid).find((p) => commandLine(p).startsWith("redis-server"));
  return { usedMemoryMb: mb(used), redisServerRssMb: pid ? mb(rssBytes(pid)) : null };
}

/** How many nudge timers the default policy plans for one complaint seeded as below. */
function timersPerComplaint(specs: readonly DeadlineSpec[], now: Date): number {
  const policy = loadPolicy();
  const calendar = BusinessCalendar.fromPolicy(policy, defaultHolidayCalendar());
  return specs.reduce(
    (n, d) =>
      n +
      pendingMilestones(
        milestonesFor(
          { ...d, metAt: null, pausedAt: null, remainingMs: null, version: 1 },
          policy,
          calendar,
        ),
        now,
      ).length,
    0,
  );
}

/**
 * What the idle figure is made of: node alone, the tsx loader, the packages
 * an idle console uses, plus those imported at start but unused here.
 */
async function importCost(env: Record<string, string>) {
  const node = process.execPath;
  const brief = { settleMs: Math.min(settleMs, 2_000), windowMs: Math.min(windowMs, 2_000) };
  const ready = 'console.log("imported"); setInterval(() => {}, 60_000);';
  const run = async (what: string, args: string[]) =>
    mb((await measure(what, node, args, env, "imported", brief)).window.maxBytes);
  const tsx = ["--import", "tsx", "--input-type=module", "-e"];
  const core = await run("core modules", [...tsx, importScript(CORE_MODULES)]);
  return {
    node: await run("node", ["-e", ready]),
    nodeWithTsx: await run("node --import tsx", ["--import", "tsx", "-e", ready]),
    coreModules: core,
    allModules: await run("core and optional modules", [
      ...tsx,
      importScript([...CORE_MODULES, ...OPTIONAL_MODULES]),
    ]),
  };
}

function idleNote(
  overMb: number,
  heap: Awaited<ReturnType<typeof heapOf>>,
  bareMb: number,
  cost: Awaited<ReturnType<typeof importCost>> | null,
  afterGc: Awaited<ReturnType<typeof forceGc>> | null,
): string {
  const parts = [
    `${Math.round(overMb)} MB over. V8 heap ${heap?.heapTotalMb} MB (${heap?.heapUsedMb} MB used); a bare BullMQ Worker + pg process takes ${bareMb} MB.`,
  ];
  if (cost) {
    parts.push(
      `Measured in this run: node alone ${cost.node} MB, with the tsx loader ${cost.nodeWithTsx} MB; ` +
        `after importing the packages an idle console on PostgreSQL uses ${cost.coreModules} MB; ` +
        `adding those main.ts imports at start but does not use here (echarts, resvg, exceljs, discord.js, Slack Bolt, PGlite, the schema engine) ` +
        `${cost.allModules} MB (+${Math.round(cost.allModules - cost.coreModules)} MB). ` +
        `The rest is the app's own code, the migrations run at start and Prisma's WebAssembly query compiler.`,
    );
  }
  if (afterGc) {
    parts.push(
      `A diagnostic run with a forced full GC: RSS ${afterGc.rssBeforeMb} MB before, ${afterGc.rssMb} MB after, ` +
        `live JS heap ${afterGc.heapUsedMb} MB: the excess is not garbage.`,
    );
  }
  return parts.join(" ");
}

type Measured = Awaited<ReturnType<typeof measure>>;

/** The run whose largest sample is the median of all runs'. */
function medianRun<T extends Measured>(runs: readonly T[]): T {
  const sorted = [...runs].sort((a, b) => a.window.maxBytes - b.window.maxBytes);
  return sorted[Math.floor((sorted.length - 1) / 2)] as T;
}

const runSummary = (run: Measured) => ({
  maxMb: mb(run.window.maxBytes),
  settledAfterMs: run.settledMs,
  settled: run.settled,
  peakBeforeSettledMb: mb(run.startup.maxBytes),
  v8: run.heap,
});

function timersNote(
  overMb: number,
  idle: Measured,
  idleProbe: Measured | null,
  loaded: Measured,
  probe: Measured | null,
  redisInfo: ReturnType<typeof redisMemory>,
): string {
  const idleMb = mb(idle.window.maxBytes);
  const parts = [
    overMb > 0 ? `${Math.round(overMb)} MB over; idle is ${idleMb} MB.` : `Idle is ${idleMb} MB.`,
    `The timers live in Redis (${redisInfo.usedMemoryMb} MB there). The start-up reconcile that schedules them ` +
      `takes RSS to ${mb(loaded.startup.maxBytes)} MB; it came down ${loaded.settled ? "and settled" : "but did not settle"} ` +
      `${Math.round(loaded.settledMs / 1000)} s after start-up (a memory limit must allow for the peak).` +
      ` After the window V8's heap is ${loaded.heap?.heapTotalMb} MB, ${loaded.heap?.heapUsedMb} MB of it in use, garbage included.`,
  ];
  if (probe?.afterGc && idleProbe?.afterGc) {
    parts.push(
      `Diagnostic runs with a forced full GC: live JS heap ${probe.afterGc.heapUsedMb} MB with the timers, ` +
        `${idleProbe.afterGc.heapUsedMb} MB idle, so the process holds nothing per timer; what the figure has above idle ` +
        `is the reconcile's garbage and the heap V8 grew for it, handed back when V8 gets round to it ` +
        `(that run: ${probe.afterGc.rssMb} MB after the GC).`,
    );
  }
  return parts.join(" ");
}

try {
  await seedStaff(db.prisma);
  const node = process.execPath;

  // Bare: BullMQ Worker plus pg, nothing of ours.
  const bareEnv = await productEnv("bare");
  const bare = await measure(
    "bare node (BullMQ Worker + pg)",
    node,
    ["--input-type=module", "-e", BARE_SCRIPT],
    bareEnv,
    "bare ready",
  );

  // Idle: the product with an empty database.
  const idleRuns: Measured[] = [];
  for (let i = 1; i <= repeats; i++) {
    const env = await productEnv(`idle-${i}`);
    idleRuns.push(
      await measure(`npm start, idle (${i}/${repeats})`, node, PRODUCT_ARGS, env, RUNNING),
    );
  }
  const idle = medianRun(idleRuns);

  // Context, skipped by --quick: the same launched literally as `npm start`
  // (npm, sh and the tsx launcher stay resident too), and the import costs.
  const npm = quick
    ? null
    : await measure("literal npm start, idle", "npm", ["start"], await productEnv("npm"), RUNNING);
  const cost = quick ? null : await importCost(bareEnv);
  const idleProbe = quick
    ? null
    : await measure(
        "npm start, idle, GC probe",
        node,
        PROBED_ARGS,
        await productEnv("idle-probe"),
        RUNNING,
        { settleMs, windowMs: 2_000 },
        true,
      );

  // With timers: open complaints with future deadlines, scheduled by the product at start.
  const now = new Date();
  const specs: DeadlineSpec[] = [
    { kind: "first_reply", clock: "calendar", startedAt: now, dueAt: new Date(+now + 48 * HOUR) },
    { kind: "result", clock: "calendar", startedAt: now, dueAt: new Date(+now + 72 * HOUR) },
    { kind: "close", clock: "calendar", startedAt: now, dueAt: new Date(+now + 13 * 24 * HOUR) },
  ];
  const perComplaint = timersPerComplaint(specs, now);
  const complaints = Number(values.complaints ?? Math.ceil(timers / perComplaint));
  const seedStarted = performance.now();
  await seedComplaints(db.prisma, {
    count: complaints,
    tag: "M",
    receivedAt: now,
    deadlines: specs,
  });
  const seedMs = performance.now() - seedStarted;
  const loadedRuns: (Measured & {
    delayed: number;
    redis: ReturnType<typeof redisMemory>;
  })[] = [];
  for (let i = 1; i <= repeats; i++) {
    // Each start schedules every timer afresh into an empty Redis.
    await redis.client.flushall();
    const env = await productEnv(`timers-${i}`);
    const run = await measure(
      `npm start, ${complaints} open complaints (${i}/${repeats})`,
      node,
      PRODUCT_ARGS,
      env,
      RUNNING,
    );
    const delayed = await redis.client.zcard(`${env.QUEUE_PREFIX}:deadlines:delayed`);
    const redisInfo = redisMemory(await redis.client.info("memory"));
    console.log(`  ${delayed} timers in Redis (${redisInfo.usedMemoryMb} MB used by Redis)`);
    if (delayed < timers && values.complaints === undefined) {
      throw new Error(`expected at least ${timers} scheduled timers, Redis holds ${delayed}`);
    }
    loadedRuns.push({ ...run, delayed, redis: redisInfo });
  }
  const loaded = medianRun(loadedRuns);
  const { delayed, redis: redisInfo } = loaded;
  const reconciled = loaded.process.logs.find((l) =>
    String(l.msg).startsWith("reconciled deadline schedules"),
  );

  // Diagnostic, skipped by --quick: the same start with a forced full GC after the window.
  if (!quick) await redis.client.flushall();
  const loadedProbe = quick
    ? null
    : await measure(
        `npm start, ${complaints} open complaints, GC probe`,
        node,
        PROBED_ARGS,
        await productEnv("timers-probe"),
        RUNNING,
        { settleMs, windowMs: 2_000 },
        true,
      );

  const idleMb = mb(idle.window.maxBytes);
  const loadedMb = mb(loaded.window.maxBytes);
  const figures: Figure[] = [
    boundFigure({
      metric: `idle RSS, bot + worker (npm start; median of ${repeats})`,
      ours: idleMb,
      comparison: "<",
      target: IDLE_TARGET_MB,
      unit: "MB",
      ...(idleMb < IDLE_TARGET_MB
        ? {}
        : {
            note: idleNote(
              idleMb - IDLE_TARGET_MB,
              idle.heap,
              mb(bare.window.maxBytes),
              cost,
              idleProbe?.afterGc ?? null,
            ),
          }),
    }),
    boundFigure({
      metric: `RSS with ${delayed} scheduled timers (${complaints} open complaints; median of ${repeats})`,
      ours: loadedMb,
      comparison: "<",
      target: TIMERS_TARGET_MB,
      unit: "MB",
      note: timersNote(
        loadedMb - TIMERS_TARGET_MB,
        idle,
        idleProbe,
        loaded,
        loadedProbe,
        redisInfo,
      ),
    }),
  ];
  writeResult({
    name: "memory",
    title: "Memory",
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    machine: machine(),
    parameters: {
      stableMs,
      timers,
      complaints,
      timersPerComplaint: perComplaint,
      settleMs,
      settleMaxMs,
      windowMs,
      repeats,
      quick,
    },
    figures,
    details: {
      idle: {
        runs: idleRuns.map(runSummary),
        medianRun: idleRuns.indexOf(idle) + 1,
        startMs: idle.startMs,
        settledAfterMs: idle.settledMs,
        settled: idle.settled,
        rssFromStartUntilSettled: inMb(idle.startup),
        rss: inMb(idle.window),
        v8: idle.heap,
        diagnosticRunWithForcedGc: idleProbe && {
          rssBeforeGcMb: mb(idleProbe.window.maxBytes),
          afterGc: idleProbe.afterGc,
        },
      },
      withTimers: {
        timersInRedis: delayed,
        seedMs: Math.round(seedMs),
        runs: loadedRuns.map(runSummary),
        medianRun: loadedRuns.indexOf(loaded) + 1,
        startIncludingReconcileMs: loaded.startMs,
        settledAfterMs: loaded.settledMs,
        settled: loaded.settled,
        reconcileLog: reconciled
          ? { complaints: reconciled.complaints, milestones: reconciled.milestones }
          : null,
        rss: inMb(loaded.window),
        rssFromStartUntilSettled: inMb(loaded.startup),
        v8: loaded.heap,
        redis: redisInfo,
        diagnosticRunWithForcedGc: loadedProbe && {
          rssBeforeGcMb: mb(loadedProbe.window.maxBytes),
          rssPeakDuringReconcileMb: mb(loadedProbe.startup.maxBytes),
          afterGc: loadedProbe.afterGc,
        },
      },
      bareNodeBullmqPg: { rss: inMb(bare.window) },
      importCostRssMb: cost && {
        ...cost,
        coreModuleList: CORE_MODULES,
        optionalModuleList: OPTIONAL_MODULES,
      },
      literalNpmStart: npm && {
        rss: inMb(npm.window),
        launcherOverheadMb: mb(
          Object.entries(npm.window.byCommandAtMax)
            .filter(([name]) => ["npm", "sh", "tsx cli"].includes(name))
            .reduce((total, [, bytes]) => total + bytes, 0),
        ),
      },
    },
  });
} finally {
  await Promise.all(processes.map((p) => p.stop(2_000)));
  await Promise.all([redis.stop(), db.close()]);
  rmSync(dataDir, { recursive: true, force: true });
}
