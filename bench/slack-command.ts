// Slack command path (issue #9): signed `/complaint open …` slash commands
// through our Slack adapter against a bare Bolt app, both over HTTP in this
// process, both answering to the same fake Slack Web API
// (test/slack/fake-slack-api.ts) and writing to the same PostgreSQL test
// database (test/helpers/db.ts createTestDatabase):
//
//   npx tsx bench/slack-command.ts [--requests 2000] [--concurrency 16]
//                                  [--rounds 3] [--warmup 200] [--quick]
//
// --quick: 100 requests per run and 20 warm-up requests (a smoke test).
//
// Ours: test/slack/harness.ts startHarness(): adapters/slack in HTTP mode
// (signature checked by VerifiedHttpReceiver, then Bolt), the engine on
// PostgreSQL, staff seeded, the sender `bob` linked to Slack. Our handler acks
// with an empty body at once and then, after the ack: dedupe key INSERT,
// identity look-up, staff profile, the engine's `open` transaction, and the
// reply (Block Kit) POSTed to the command's response_url. The ack carries no
// answer, so the user sees nothing until that POST: each request is timed from
// sending it until both the ack has come back and our reply has arrived at
// the fake's response_url (whichever is later; in practice the reply).
// `open` changes no card (its card is the worker's job, from the outbox), so
// the path makes no other Slack call; the outbox is left pending, no worker
// runs here.
//
// Bare: bench/lib/slack-bare.ts, a plain @slack/bolt App (same version, its
// own HTTPReceiver, same signing secret) whose /complaint handler acks, does
// one raw `INSERT INTO bench_baseline (text)` with pg (pool of 10, as ours)
// and POSTs one text reply to the same fake response_url: timed the same way.
//
// Each request carries a different, realistic `open` line (channel, name,
// phone, content, dept). Rounds alternate which app goes first; each app gets
// a warm-up (not timed) first. Figures: median over rounds of throughput
// (requests / wall time) and of p99 latency. After every run the rows are
// counted (exactly N complaints, N baseline rows), every ack must be 2xx and
// every reply an "Opened TS-…" (distinct numbers) or the baseline's text:
// anything else fails the script and writes no result.
//
// Where the time goes: our backend is wrapped (a performance.now() pair per
// call, microseconds) to time the dedupe key, identity, profile and engine
// steps; the rest of a request is HTTP, signature checks, Bolt and the reply
// POST. bench/lib/slack-pg-probe.ts counts PostgreSQL round trips per request
// and how long the complaint number's counter row (one per month, locked by
// every open until its COMMIT) stays locked; process.cpuUsage() gives CPU per
// request. All of it is in `details`, and in figure.note when a target is
// missed.
import { parseArgs } from "node:util";
import type { App } from "../src/app.ts";
import type { SlackBackend } from "../adapters/slack/backend.ts";
import { post, slashBody, startHarness, users, SIGNING_SECRET } from "../test/slack/harness.ts";
import { machine, ratioFigure, writeResult, type Figure } from "./lib/result.ts";
import { BARE_REPLY_PREFIX, startBareSlackApp } from "./lib/slack-bare.ts";
import { probePg } from "./lib/slack-pg-probe.ts";
import { replyWaiter, type ArrivedReply } from "./lib/slack-replies.ts";
import { median, runConcurrently, summarize, type LatencySummary } from "./lib/stats.ts";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "16" },
    rounds: { type: "string", default: "3" },
    warmup: { type: "string", default: "200" },
    quick: { type: "boolean", default: false },
  },
});
const quick = values.quick;
const requests = quick ? 100 : Number(values.requests);
const warmup = quick ? 20 : Number(values.warmup);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
for (const [name, value] of Object.entries({ requests, warmup, concurrency, rounds })) {
  if (!Number.isInteger(value) || value < (name === "warmup" ? 0 : 1)) {
    throw new Error(`--${name} must be a positive integer, got ${value}`);
  }
}
/** A reply slower than this counts as lost (Slack itself gives response_url 30 minutes). */
const REPLY_TIMEOUT_MS = 30_000;
const FORM = "application/x-www-form-urlencoded";
const POOL_SIZE = 10;

// ------------------------------------------------------------ request texts

const CHANNELS = ["hotline", "sms", "email", "web", "store", "wechat", "letter"] as const;
const NAMES = [
  "Wang Li",
  "Li Na",
  "Zhang Wei",
  "Liu Yang",
  "Chen Jing",
  "Zhao Min",
  "王芳",
  "刘强",
  "陈静",
  "杨磊",
  "Huang Hui",
  "周杰",
] as const;
const CONTENTS = [
  "Charged twice for the May bill, card ending %",
  "Parcel % arrived with the box crushed and the screen cracked",
  "Refund for order % still not received after 14 days",
  "Counter staff refused to issue an invoice for order %",
  "Wrong colour delivered for order %; asked for an exchange",
  "宽带从周一起断网，报修单 % 无人处理",
  "会员费被自动续费，未收到任何提醒（订单 %）",
  "Installer missed the appointment twice, ticket %",
  "快递员未送货上门却显示已签收，运单号 %",
  "Promotion price not applied at checkout for order %",
] as const;

/** The i-th request's command text: every one differs (name, phone, content). */
function openText(i: number): string {
  const pick = <T>(list: readonly T[], k: number): T => list[k % list.length] as T;
  const phone = `1${pick([3, 5, 7, 8, 9], i)}${String(10_000_000 + ((i * 7_919) % 90_000_000)).padStart(9, "0")}`;
  const ref = `R${String(100_000 + i)}`;
  const content = pick(CONTENTS, i * 3 + 1).replace("%", ref);
  return `open channel:${pick(CHANNELS, i)} name:"${pick(NAMES, i * 5 + 2)}" contact:${phone} content:"${content}" dept:billing`;
}

// ------------------------------------------------------------ timed backend

const phases = new Map<string, number[]>();
let timing = false;
async function timed<T>(phase: string, work: () => Promise<T>): Promise<T> {
  if (!timing) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    const list = phases.get(phase) ?? [];
    list.push(performance.now() - started);
    phases.set(phase, list);
  }
}

/** Our backend with each step the command path takes timed (see the header). */
function timedBackend(app: App): SlackBackend {
  const engine = app.engine;
  return {
    identify: (...args) => timed("identity (identify)", () => app.identify(...args)),
    staffProfile: (id) => timed("staff profile", () => app.staffProfile(id)),
    complaintSummary: (number) => app.complaintSummary(number),
    chatMessages: app.chatMessages,
    chatInstallations: app.chatInstallations,
    inbound: {
      ...app.inbound,
      once: (key) => timed("dedupe key (inbound.once)", () => app.inbound.once(key)),
    },
    engine: {
      execute: (...args) => timed("engine.execute (open)", () => engine.execute(...args)),
      run: (...args) => engine.run(...args),
      resolve: (...args) => engine.resolve(...args),
      optionSpecs: (...args) => engine.optionSpecs(...args),
      commands: engine.commands,
      policy: engine.policy,
    },
  };
}

// ------------------------------------------------------------ the run

const startedAt = new Date();
// src/store/repositories/records.ts: the complaint number's counter upsert.
const pgProbe = probePg("INSERT INTO monthly_counter");
const h = await startHarness({ wrap: timedBackend });
const waiter = replyWaiter(h.slack);
if (!h.db.url) throw new Error("the Slack harness should run on PostgreSQL");
const bare = await startBareSlackApp({
  databaseUrl: h.db.url,
  signingSecret: SIGNING_SECRET,
  apiUrl: h.slack.apiUrl,
  poolSize: POOL_SIZE,
});

interface Side {
  name: "ours" | "bare";
  url: string;
  rows(): Promise<number>;
  /** The reply's number (ours) or row id (bare); null when the reply is not a success. */
  replyKey(text: string): string | null;
}
const sides: Side[] = [
  {
    name: "ours",
    url: h.eventsUrl,
    rows: () => h.complaintCount(),
    replyKey: (text) => /^Opened (TS-\d{4}-\d+);/.exec(text)?.[1] ?? null,
  },
  {
    name: "bare",
    url: bare.eventsUrl,
    rows: () => bare.rows(),
    replyKey: (text) => (text.startsWith(BARE_REPLY_PREFIX) ? text : null),
  },
];

interface RunResult {
  throughput: number;
  /** CPU time of this whole process (both apps, the fake, the client) per request. */
  cpuMsPerRequest: number;
  /** PostgreSQL round trips per request (BEGIN and COMMIT included). */
  queriesPerRequest: number;
  /**
   * Share of the wall time the complaint counter row was locked (ours only).
   * Both ends are timed in JS, where one holder's COMMIT answer and the next
   * holder's counter answer can wait in the same event-loop turn: a little
   * above 1 means the row is never free.
   */
  counterLockedShare?: number;
  /** Round trips (COMMIT included) an open makes while holding that row (ours only). */
  queriesUnderCounterLock?: number;
  latency: LatencySummary;
  ack: LatencySummary;
  wallMs: number;
}

let sequence = 0;
const problems: string[] = [];

async function run(side: Side, n: number, label: string): Promise<RunResult> {
  const before = await side.rows();
  const errorLogsBefore = errorLogs();
  const latencies: number[] = [];
  const acks: number[] = [];
  const keys = new Set<string>();
  // Failed requests and failed run checks (rows, stray replies, error logs) alike stop the script.
  let failed = 0;
  const fail = (what: string) => {
    failed++;
    if (problems.length < 20) problems.push(`${side.name} ${label}: ${what}`);
  };
  const cpuBefore = process.cpuUsage();
  const probeBefore = {
    queries: pgProbe.queries,
    lockMs: pgProbe.lockHeldMs,
    holds: pgProbe.lockHolds,
    underLock: pgProbe.queriesUnderLock,
  };
  const { wallMs } = await runConcurrently(n, concurrency, async () => {
    const body = slashBody(h, openText(sequence++), users.bob);
    const trigger = new URLSearchParams(body).get("trigger_id") ?? "";
    const reply: Promise<ArrivedReply | null> = waiter
      .next(trigger, REPLY_TIMEOUT_MS)
      .catch((error: unknown) => {
        fail(error instanceof Error ? error.message : String(error));
        return null;
      });
    const started = performance.now();
    const ack = await post(side.url, body, FORM).catch((error: unknown) => ({
      status: 0,
      body: String(error),
      ms: 0,
    }));
    const ackedAt = performance.now();
    if (ack.status < 200 || ack.status > 299) {
      waiter.forget(trigger);
      await reply;
      fail(`ack ${ack.status} ${ack.body.slice(0, 200)}`);
      return;
    }
    const arrived = await reply;
    if (!arrived) return;
    const sent = arrived.post.body["text"];
    const text = typeof sent === "string" ? sent : JSON.stringify(sent);
    const key = side.replyKey(text);
    if (key === null) fail(`error reply: ${text.slice(0, 200)}`);
    else if (keys.has(key)) fail(`duplicate reply ${key}`);
    else keys.add(key);
    acks.push(ackedAt - started);
    latencies.push(Math.max(ackedAt, arrived.at) - started);
  });
  const cpu = process.cpuUsage(cpuBefore);
  const queries = pgProbe.queries - probeBefore.queries;
  const lockMs = pgProbe.lockHeldMs - probeBefore.lockMs;
  const holds = pgProbe.lockHolds - probeBefore.holds;
  const underLock = pgProbe.queriesUnderLock - probeBefore.underLock;
  const wrote = (await side.rows()) - before;
  if (wrote !== n) fail(`${wrote} rows written for ${n} requests`);
  if (waiter.unexpected.length > 0) fail(`${waiter.unexpected.length} unexpected replies`);
  const logged = errorLogs() - errorLogsBefore;
  if (logged > 0) fail(`${logged} error lines logged by our adapter`);
  if (h.slack.violations.length > 0) fail(`fake Slack saw: ${h.slack.violations.join("; ")}`);
  if (failed > 0) {
    console.error(problems.join("\n"));
    throw new Error(`${side.name} ${label}: ${failed} problem(s) in ${n} requests`);
  }
  const result = {
    throughput: (n / wallMs) * 1000,
    cpuMsPerRequest: Math.round(((cpu.user + cpu.system) / 1000 / n) * 100) / 100,
    queriesPerRequest: Math.round((queries / n) * 100) / 100,
    ...(holds > 0
      ? {
          counterLockedShare: Math.round((lockMs / wallMs) * 1000) / 1000,
          queriesUnderCounterLock: Math.round((underLock / holds) * 100) / 100,
        }
      : {}),
    latency: summarize(latencies),
    ack: summarize(acks),
    wallMs: Math.round(wallMs),
  };
  console.log(
    `${label} ${side.name}: ${result.throughput.toFixed(1)} req/s, p50 ${result.latency.p50Ms} ms, p99 ${result.latency.p99Ms} ms (ack p50 ${result.ack.p50Ms} ms), CPU ${result.cpuMsPerRequest} ms and ${result.queriesPerRequest} queries per request` +
      (result.counterLockedShare === undefined
        ? ""
        : `, counter row locked ${Math.round(result.counterLockedShare * 100)} % of the wall time`),
  );
  return result;
}

function errorLogs(): number {
  // pino: error is level 50, fatal 60.
  return h.logs.filter((line) => /"level":(50|60)/.test(line)).length;
}

const results: Record<Side["name"], RunResult[]> = { ours: [], bare: [] };
const bareInsertMs: number[] = [];
try {
  for (const side of sides) if (warmup > 0) await run(side, warmup, "warm-up");
  bare.insertMs.length = 0;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      timing = side.name === "ours";
      const insertsBefore = bare.insertMs.length;
      results[side.name].push(await run(side, requests, `round ${round + 1}`));
      timing = false;
      if (side.name === "bare") bareInsertMs.push(...bare.insertMs.slice(insertsBefore));
    }
  }
} finally {
  await bare.close();
  await h.close();
  pgProbe.restore();
}

const medianOf = (name: Side["name"], pick: (r: RunResult) => number) =>
  median(results[name].map(pick));
const throughput = {
  ours: medianOf("ours", (r) => r.throughput),
  bare: medianOf("bare", (r) => r.throughput),
};
const p99 = {
  ours: medianOf("ours", (r) => r.latency.p99Ms),
  bare: medianOf("bare", (r) => r.latency.p99Ms),
};
const phaseSummaries = Object.fromEntries(
  [...phases].map(([phase, samples]) => [phase, summarize(samples)]),
);
// Pooled over the rounds, like the step timings it is compared with.
const pooledMean = (name: Side["name"]) =>
  results[name].reduce((sum, r) => sum + r.latency.meanMs * r.latency.count, 0) /
  results[name].reduce((sum, r) => sum + r.latency.count, 0);
const ourMeanMs = pooledMean("ours");
const phaseMeanMs = Object.values(phaseSummaries).reduce((sum, s) => sum + s.meanMs, 0);
const lockedShare = median(results.ours.map((r) => r.counterLockedShare ?? 0));
const where =
  `ours makes ${medianOf("ours", (r) => r.queriesPerRequest)} PostgreSQL round trips per request (bare ${medianOf("bare", (r) => r.queriesPerRequest)}) ` +
  `and this process spends ${medianOf("ours", (r) => r.cpuMsPerRequest)} ms CPU per request on it (bare ${medianOf("bare", (r) => r.cpuMsPerRequest)}); ` +
  `the complaint number's counter row was locked ${lockedShare >= 0.95 ? "all the time" : `${Math.round(lockedShare * 100)} % of the wall time`} (${Math.round(lockedShare * 100)} %, JS-timed; held from the counter upsert's answer to COMMIT's, over ${medianOf("ours", (r) => r.queriesUnderCounterLock ?? 0)} more round trips), so opens run one at a time through it; ` +
  `our mean ${ourMeanMs.toFixed(1)} ms = ` +
  Object.entries(phaseSummaries)
    .map(([phase, s]) => `${phase} ${s.meanMs}`)
    .join(" + ") +
  ` + ${(ourMeanMs - phaseMeanMs).toFixed(1)} ms HTTP, signatures, Bolt and the reply POST ` +
  `(pool and lock waits included); bare mean ${pooledMean("bare").toFixed(1)} ms, its INSERT ${summarize(bareInsertMs).meanMs} ms`;

function missNote(figure: Figure): Figure {
  if (figure.met) return figure;
  const by =
    figure.comparison === ">="
      ? `${Math.round((1 - figure.value / figure.target) * 100)} % below`
      : `${Math.round((figure.value / figure.target - 1) * 100)} % above`;
  return { ...figure, note: `${by} the ${figure.comparison} ${figure.target}x target; ${where}` };
}

writeResult({
  name: "slack-command",
  title: "Slack /complaint open (HTTP)",
  startedAt: startedAt.toISOString(),
  durationMs: Date.now() - startedAt.getTime(),
  machine: machine(),
  parameters: { requests, concurrency, rounds, warmup, quick, poolSize: POOL_SIZE },
  figures: [
    missNote(
      ratioFigure({
        metric: "throughput (requests/s)",
        ours: Math.round(throughput.ours * 10) / 10,
        baseline: Math.round(throughput.bare * 10) / 10,
        comparison: ">=",
        target: 0.7,
        unit: "requests/s",
      }),
    ),
    missNote(
      ratioFigure({
        metric: "p99 latency (ms)",
        ours: p99.ours,
        baseline: p99.bare,
        comparison: "<=",
        target: 1.5,
        unit: "ms",
      }),
    ),
  ],
  details: {
    measured:
      "from sending the signed request until the ack is back and the reply has reached the fake Slack's response_url (the later of the two)",
    rounds: results,
    ourSteps: phaseSummaries,
    bareInsert: summarize(bareInsertMs),
    where,
  },
});
