import { Queue } from "bullmq";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliverJob } from "../../src/worker/queues.ts";
import { adminUrl, createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import {
  FakeReceiver,
  freePort,
  ledger,
  metric,
  seedComplaints,
  sleep,
  startPrivateRedis,
  uniquePrefix,
  waitFor,
  WorkerProcess,
  writePolicy,
  type PrivateRedis,
} from "./harness.ts";

const SOAK = process.env["SOAK"] === "1";
const COUNT = 100;
const RATE_LIMITED_POSTS = 40;
const ERROR_WINDOW_MS = 3_000;

/**
 * The issue: "A fake platform that answers 429 then 500 for a while:
 * everything delivered once it recovers." A 429 waits for Retry-After without
 * using up an attempt; a 500 is retried with backoff; each key still reaches
 * the platform exactly once, and the metrics count what the receiver saw.
 */
describe("a platform answering 429, then 500, then recovering", () => {
  let redis: PrivateRedis;
  let db: TestDatabase;
  let worker: WorkerProcess;
  let metricsUrl: string;
  const prefix = uniquePrefix("errors");
  const receiver = new FakeReceiver();
  const policy = writePolicy();

  beforeAll(async () => {
    [redis, db] = await Promise.all([
      startPrivateRedis(),
      createTestDatabase("postgres"),
      receiver.start(),
    ]).then(([r, d]) => [r, d] as const);
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    worker = new WorkerProcess({
      databaseUrl: db.url ?? "",
      redisUrl: redis.url,
      prefix,
      webhookUrl: receiver.url,
      policyFile: policy.file,
      httpPort: port,
    });
  });
  afterAll(async () => {
    await worker?.kill9();
    await Promise.all([redis?.stop(), receiver.stop(), db?.close()]);
    policy.remove();
  });

  const scrape = async () => (await fetch(metricsUrl)).text();

  it("delivers every nudge exactly once after 429s and 500s, and the ledger and metrics agree with the receiver", async () => {
    const { expectedKeys } = await seedComplaints(db.prisma, {
      count: COUNT,
      firstReplyDue: new Date(Date.now() - 60_000),
      tag: "E",
    });
    let firstError: number | null = null;
    receiver.answer = (n) => {
      if (n < RATE_LIMITED_POSTS) return { status: 429, headers: { "retry-after": "1" } };
      firstError ??= Date.now();
      return Date.now() - firstError < ERROR_WINDOW_MS ? { status: 500 } : { status: 200 };
    };
    worker.start();
    await waitFor(
      "every nudge to arrive",
      () => {
        worker.assertAlive();
        return receiver.delivered.size >= expectedKeys.size;
      },
      60_000,
      100,
    );
    const settled = receiver.posts.length;
    await sleep(2_000);
    expect(receiver.posts.length).toBe(settled);

    const byStatus = (s: number) => receiver.posts.filter((p) => p.status === s).length;
    const rateLimited = byStatus(429);
    const errors = byStatus(500);
    expect(rateLimited).toBe(RATE_LIMITED_POSTS);
    expect(errors).toBeGreaterThan(0);
    expect([...receiver.delivered.keys()].sort()).toEqual([...expectedKeys].sort());
    expect(receiver.okCount).toBe(expectedKeys.size);

    // Retry-After is honoured: no key is posted again within a second of its 429.
    const last = new Map<string, { status: number; at: number }>();
    for (const p of receiver.posts) {
      const before = last.get(p.key);
      if (before?.status === 429) expect(p.at - before.at).toBeGreaterThanOrEqual(900);
      last.set(p.key, p);
    }

    // The ledger counts one claim per POST, and every key ends up sent.
    const rows = await ledger(db.prisma);
    expect([...rows.keys()].sort()).toEqual([...expectedKeys].sort());
    for (const key of expectedKeys) {
      const posts = receiver.posts.filter((p) => p.key === key).length;
      expect(rows.get(key)).toEqual({ status: "sent", attempts: posts });
    }

    const text = await scrape();
    expect(metric(text, "complaint_desk_notifications_sent_total")).toBe(expectedKeys.size);
    expect(
      metric(text, "complaint_desk_notifications_failed_total", { reason: "rate-limited" }),
    ).toBe(rateLimited);
    expect(metric(text, "complaint_desk_notifications_failed_total", { reason: "error" })).toBe(
      errors,
    );
    expect(metric(text, "complaint_desk_notifications_dead_lettered_total")).toBe(0);
    expect(await redis.client.zcard(`${prefix}:notifications:failed`)).toBe(0);

    const retried = new Set(receiver.posts.filter((p) => p.status !== 200).map((p) => p.key)).size;
    console.info(
      `[faults] 429/500: ${receiver.posts.length} POSTs for ${expectedKeys.size} keys (${rateLimited} x 429, ${errors} x 500, ` +
        `${retried} keys retried); all delivered ${receiver.posts.at(-1)!.at - firstError!} ms after the first 500`,
    );
  }, 90_000);

  it("dead-letters a notification the platform keeps refusing, and never sends it again", async () => {
    // The worker's own jobs make 8 attempts with exponential backoff from 1 s
    // (about two minutes); a producer may ask for fewer, which exercises the
    // same dead-letter path in seconds. (SOAK=1 runs the full-length case.)
    receiver.answer = (_n, key) =>
      key.startsWith("fault|dead") ? { status: 500 } : { status: 200 };
    const queue = new Queue<DeliverJob>("notifications", {
      connection: { url: redis.url },
      prefix,
    });
    try {
      const job = (key: string): DeliverJob => ({
        notification: { kind: "dm", to: "h1", text: "never delivered", key },
        platform: "webhook",
        dueAt: Date.now(),
      });
      const opts = { attempts: 2, backoff: { type: "fixed", delay: 200 } };
      await queue.add("deliver", job("fault|dead@webhook"), {
        ...opts,
        jobId: "d|fault|dead@webhook",
      });
      await waitFor(
        "the notification to be dead-lettered",
        async () => (await ledger(db.prisma)).get("fault|dead@webhook")?.status === "dead",
        20_000,
        100,
      );
      const row = await db.prisma.notificationDelivery.findUniqueOrThrow({
        where: { key: "fault|dead@webhook" },
      });
      expect(row).toMatchObject({
        status: "dead",
        attempts: 2,
        lastError: "webhook answered 500",
        sentAt: null,
      });
      expect(receiver.posts.filter((p) => p.key === "fault|dead@webhook")).toHaveLength(2);
      await waitFor(
        "the dead-letter metric",
        async () =>
          metric(await scrape(), "complaint_desk_notifications_dead_lettered_total") === 1,
        5_000,
      );
      expect(worker.stderr).toContain("notification dead-lettered after the last attempt");

      // Enqueued again (a new job, e.g. by a replayed event), a dead key stays dead: not sent.
      await queue.add("deliver", job("fault|dead@webhook"), {
        ...opts,
        jobId: "d|fault|dead@webhook|again",
      });
      await waitFor(
        "the second job to finish",
        async () => (await queue.getJobState("d|fault|dead@webhook|again")) === "completed",
        10_000,
        100,
      );
      expect(receiver.posts.filter((p) => p.key === "fault|dead@webhook")).toHaveLength(2);
    } finally {
      await queue.close();
    }
  }, 30_000);

  it("survives a last attempt that fails while PostgreSQL is unreachable, and carries on after", async () => {
    // Our own test database only: refuse new connections and drop the worker's.
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const name = new URL(db.url ?? "").pathname.slice(1);
    const queue = new Queue<DeliverJob>("notifications", {
      connection: { url: redis.url },
      prefix,
    });
    const job = (key: string): DeliverJob => ({
      notification: { kind: "dm", to: "h1", text: "hello", key },
      platform: "webhook",
      dueAt: Date.now(),
    });
    try {
      await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
        [name],
      );
      receiver.answer = () => ({ status: 200 });
      // One attempt: the claim fails (no database), and so does marking it dead.
      await queue.add("deliver", job("fault|nodb@webhook"), {
        attempts: 1,
        jobId: "d|fault|nodb@webhook",
      });
      await waitFor(
        "the job to fail",
        async () => (await queue.getJobState("d|fault|nodb@webhook")) === "failed",
        15_000,
        100,
      );
      await sleep(1_000);
      worker.assertAlive();
      // Still a dead letter for the operator: counted, logged (the ledger could not say so).
      expect(worker.stderr).toContain("could not mark the notification dead in the ledger");
      expect(metric(await scrape(), "complaint_desk_notifications_dead_lettered_total")).toBe(2);
    } finally {
      await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    try {
      await queue.add("deliver", job("fault|after@webhook"), {
        attempts: 3,
        backoff: { type: "fixed", delay: 500 },
        jobId: "d|fault|after@webhook",
      });
      await waitFor(
        "a delivery once the database is back",
        async () => (await ledger(db.prisma)).get("fault|after@webhook")?.status === "sent",
        20_000,
        100,
      );
      expect(receiver.delivered.get("fault|after@webhook")).toBe(1);
      worker.assertAlive();
    } finally {
      await queue.close();
    }
  }, 60_000);

  // The worker's own attempts (8, exponential backoff from 1 s): about two minutes.
  it.runIf(SOAK)(
    "soak: dead-letters a nudge after the worker's own 8 attempts",
    async () => {
      const { expectedKeys } = await seedComplaints(db.prisma, {
        count: 1,
        firstReplyDue: new Date(Date.now() - 60_000),
        tag: "X",
      });
      const [key = ""] = [...expectedKeys];
      receiver.answer = (_n, k) => (k === key ? { status: 500 } : { status: 200 });
      // The running worker schedules it at its next reconcile; a restart does it now.
      await worker.stop();
      worker.start();
      const row = await waitFor(
        "the nudge to be dead-lettered",
        async () => {
          worker.assertAlive();
          const r = await db.prisma.notificationDelivery.findUnique({ where: { key } });
          return r?.status === "dead" && r;
        },
        240_000,
        500,
      );
      expect(row.attempts).toBe(8);
      expect(receiver.posts.filter((p) => p.key === key)).toHaveLength(8);
    },
    300_000,
  );
});
