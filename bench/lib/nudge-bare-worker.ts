// The baseline of bench/nudge-pipeline.ts, run as its own process like our
// worker: bare BullMQ Workers with no-op processors.
//
// Env: REDIS_URL, QUEUE_PREFIX, CONCURRENCY, COUNT (jobs to wait for),
// MODE "one-hop" (default: a no-op on the deadlines queue) or "two-hop" (the
// deadlines processor only adds a delivery job to the notifications queue,
// whose processor is a no-op: our queue layout without any of our work),
// LATENESS=1 (report each job's completion time minus its payload's `at`).
// Prints {"ready":true} once it listens, then a BareWorkerReport after COUNT
// jobs have completed on the last queue.
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { QueueName, type NudgeJob } from "../../src/worker/queues.ts";
import { summarize, type LatencySummary } from "./stats.ts";

export interface BareWorkerReport {
  done: true;
  count: number;
  /** Epoch ms of the first job's start and of the last job's completion. */
  firstStartedAt: number;
  lastCompletedAt: number;
  /** CPU time this process used from listening to the last completion. */
  cpuMs: number;
  /** With LATENESS=1: completion time minus the job's `at` (when it fell due). */
  lateness?: LatencySummary;
}

const count = Number(process.env.COUNT);
const twoHop = process.env.MODE === "two-hop";
const lateness = process.env.LATENESS === "1";
const prefix = process.env.QUEUE_PREFIX ?? "";
const concurrency = Number(process.env.CONCURRENCY ?? 8);
const connections: Redis[] = [];
const connection = () => {
  const c = new Redis(process.env.REDIS_URL ?? "", { maxRetriesPerRequest: null });
  connections.push(c);
  return c;
};

let firstStartedAt = 0;
let cpuAtReady = 0;
const cpuNow = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
let completed = 0;
const lateMs: number[] = [];
const notifications = twoHop
  ? new Queue(QueueName.notifications, { connection: connection(), prefix })
  : null;
const workers: Worker[] = [
  new Worker<NudgeJob>(
    QueueName.deadlines,
    async (job) => {
      firstStartedAt ||= Date.now();
      // Roughly what a rendered nudge weighs: the text is most of it.
      await notifications?.add(
        "deliver",
        {
          notification: {
            key: `${job.id ?? ""}@webhook`,
            kind: "dm",
            to: "h0",
            text: "x".repeat(200),
          },
          platform: "webhook",
          dueAt: job.data.at,
        },
        { jobId: `d|${job.id ?? ""}` },
      );
    },
    { connection: connection(), prefix, concurrency },
  ),
];
if (twoHop) {
  workers.push(
    new Worker(QueueName.notifications, () => Promise.resolve(), {
      connection: connection(),
      prefix,
      concurrency,
    }),
  );
}
const last = workers.at(-1);
last?.on("completed", (job) => {
  completed++;
  if (lateness) lateMs.push(Date.now() - (job.data as NudgeJob).at);
  if (completed !== count) return;
  const report: BareWorkerReport = {
    done: true,
    count,
    firstStartedAt,
    lastCompletedAt: Date.now(),
    cpuMs: Math.round(cpuNow() - cpuAtReady),
    ...(lateness ? { lateness: summarize(lateMs) } : {}),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  void Promise.all(workers.map((w) => w.close())).then(async () => {
    await notifications?.close();
    for (const c of connections) c.disconnect();
    process.exit(0);
  });
});
for (const w of workers)
  w.on("error", (error) => process.stderr.write(`bare worker: ${error.message}\n`));
await Promise.all(workers.map((w) => w.waitUntilReady()));
cpuAtReady = cpuNow();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
