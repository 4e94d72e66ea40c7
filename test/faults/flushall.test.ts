import { describe, expect, it } from "vitest";
import { jobId } from "../../src/worker/queues.ts";
import {
  useFaultRig,
  delayedKey,
  ledger,
  seedComplaints,
  sleep,
  uniquePrefix,
  waitFor,
  WorkerProcess,
} from "./harness.ts";

const COUNT = 200;
/** Long enough for a worker to start and schedule everything on a busy 2-core machine. */
const DUE_IN_MS = 20_000;

/**
 * The issue: "FLUSHALL Redis, restart: the reconciler restores every
 * schedule." Redis only holds what Postgres can rebuild; the ledger keeps
 * what was sent, so losing Redis neither drops nor repeats a nudge.
 */
describe("FLUSHALL of Redis", () => {
  // No reminders: before its due time a deadline fires nothing, so nothing goes out before the flush.
  const rig = useFaultRig("reminders:\n  at: [1]\n");
  const { receiver, workers } = rig;

  it("restores every delayed nudge after a FLUSHALL, delivers each once, and sends nothing again after a second one", async () => {
    const prefix = uniquePrefix("flush");
    const dueAt = new Date(Date.now() + DUE_IN_MS);
    const { complaintIds, expectedKeys } = await seedComplaints(rig.db.prisma, {
      count: COUNT,
      firstReplyDue: dueAt,
      tag: "F",
      // One case is also in a handling stage: its deadline kind "stage:processing" has a ':'.
      stage: "processing",
    });
    const env = {
      databaseUrl: rig.db.url ?? "",
      redisUrl: rig.redis.url,
      prefix,
      webhookUrl: receiver.url,
      policyFile: rig.policy.file,
    };
    const spawnWorker = () => {
      const w = new WorkerProcess(env);
      workers.push(w);
      w.start();
      return w;
    };
    const dueJobs = [
      ...complaintIds.map((id) => jobId.nudge(id, "first_reply", "due", 1)),
      jobId.nudge(complaintIds[0] ?? "", "stage:processing", "due", 1),
    ];
    const allDueJobsExist = async () => {
      const pipeline = rig.redis.client.pipeline();
      for (const id of dueJobs) pipeline.exists(`${prefix}:deadlines:${id}`);
      const results = (await pipeline.exec()) ?? [];
      return results.every(([error, n]) => error === null && n === 1);
    };
    const delayedIds = async () =>
      new Set(await rig.redis.client.zrange(delayedKey(prefix, "deadlines"), 0, -1));

    const first = spawnWorker();
    await waitFor(
      "the first worker to schedule every nudge",
      async () => {
        first.assertAlive();
        return allDueJobsExist();
      },
      DUE_IN_MS - 5_000,
      200,
    );
    const scheduled = await delayedIds();
    // Per deadline (first_reply, close 30 days off, the stage): due, e1..e4, o1.
    expect(scheduled.size).toBe((COUNT * 2 + 1) * 6);
    expect(await first.stop()).toBe(0);

    await rig.redis.client.flushall();
    expect(await rig.redis.client.dbsize()).toBe(0);
    expect(receiver.posts).toHaveLength(0);

    const flushedAt = Date.now();
    const second = spawnWorker();
    await waitFor(
      "the reconciler to restore every nudge",
      async () => {
        second.assertAlive();
        return allDueJobsExist();
      },
      60_000,
      200,
    );
    const restoredMs = Date.now() - flushedAt;
    await waitFor(
      "every nudge to arrive",
      () => {
        second.assertAlive();
        return receiver.delivered.size >= expectedKeys.size;
      },
      Math.max(0, dueAt.getTime() - Date.now()) + 60_000,
      100,
    );
    const deliveredAfterDueMs = Date.now() - dueAt.getTime();
    // Restored exactly: what fired plus what still waits is what was scheduled before the flush.
    const restored = new Set([
      ...(await delayedIds()),
      ...(await rig.redis.client.zrange(`${prefix}:deadlines:completed`, 0, -1)),
    ]);
    expect([...scheduled].filter((id) => !restored.has(id))).toEqual([]);
    expect([...restored].filter((id) => !scheduled.has(id))).toEqual([]);
    expect(receiver.posts.every((p) => p.at >= dueAt.getTime())).toBe(true);
    expect([...receiver.delivered.keys()].sort()).toEqual([...expectedKeys].sort());
    expect(receiver.okCount).toBe(expectedKeys.size);

    // Flushed again after delivery, Redis forgets the nudges already fired:
    // the reconciler fires them again, and the ledger stops every resend.
    expect(await second.stop()).toBe(0);
    await rig.redis.client.flushall();
    const third = spawnWorker();
    await waitFor(
      "the re-fired nudges to reach the ledger again",
      async () => {
        third.assertAlive();
        const done = await rig.redis.client.zcard(`${prefix}:notifications:completed`);
        return done >= expectedKeys.size;
      },
      60_000,
      200,
    );
    await sleep(1_000);
    expect(receiver.posts).toHaveLength(expectedKeys.size);
    const rows = await ledger(rig.db.prisma);
    expect([...rows.keys()].sort()).toEqual([...expectedKeys].sort());
    expect([...rows.values()].every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);

    console.info(
      `[faults] FLUSHALL with ${COUNT} complaints (${scheduled.size} delayed nudges): restored ${restoredMs} ms after the flush ` +
        `(worker start-up included); all ${expectedKeys.size} delivered ${deliveredAfterDueMs} ms after their due time; ` +
        `second FLUSHALL after delivery: 0 resent`,
    );
  }, 120_000);
});
