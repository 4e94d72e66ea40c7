import { describe, expect, it } from "vitest";
import {
  useFaultRig,
  ledger,
  seedComplaints,
  sleep,
  uniquePrefix,
  waitFor,
  WorkerProcess,
} from "./harness.ts";

const SOAK = process.env["SOAK"] === "1";
const CONCURRENCY = 8;

/**
 * The issue: "Kill -9 the worker in the middle of 1,000 due nudges, restart
 * it: every nudge delivered exactly once." The kill can land between a
 * successful POST and the ledger update: that POST is sent again after the
 * restart, with the same Idempotency-Key (documented: exactly once for
 * receivers that honour the key). So: exactly once by key, and raw repeats
 * at most one per delivery in flight.
 */
describe.each(SOAK ? [1_000, 10_000] : [1_000])("kill -9 mid-delivery, %i due nudges", (count) => {
  const rig = useFaultRig();
  const { receiver, workers } = rig;

  it(
    "delivers every nudge exactly once by key after a kill -9 and restart",
    async () => {
      const { expectedKeys } = await seedComplaints(rig.db.prisma, {
        count,
        firstReplyDue: new Date(Date.now() - 60_000),
        tag: "K",
        // Scheduling is one Redis round trip per milestone, and a restart
        // walks every open case again: the far-off deadlines (which the other
        // fault tests cover) would double this test's time, so only the soak has them.
        farKinds: SOAK ? ["result", "close"] : [],
      });
      const env = {
        databaseUrl: rig.db.url ?? "",
        redisUrl: rig.redis.url,
        prefix: uniquePrefix("kill"),
        webhookUrl: receiver.url,
        policyFile: rig.policy.file,
        concurrency: CONCURRENCY,
      };
      const first = new WorkerProcess(env);
      workers.push(first);
      const started = Date.now();
      first.start();
      await waitFor(
        "a third of the nudges to arrive",
        () => {
          first.assertAlive();
          return receiver.delivered.size >= count / 3;
        },
        SOAK ? 300_000 : 60_000,
        20,
      );
      const firstPhaseMs = Date.now() - started;
      const firstPhaseDelivered = receiver.delivered.size;
      await first.kill9();
      const killedAt = Date.now();
      const atKill = receiver.delivered.size;
      expect(atKill).toBeLessThan(count);

      const second = new WorkerProcess(env);
      workers.push(second);
      second.start();
      await waitFor(
        "every nudge to arrive after the restart",
        () => {
          second.assertAlive();
          return receiver.delivered.size >= expectedKeys.size;
        },
        SOAK ? 600_000 : 90_000,
        50,
      );
      const recoveredMs = Date.now() - killedAt;
      // Nothing else may trickle in afterwards (a second copy, a stray nudge).
      const settled = receiver.posts.length;
      await sleep(3_000);
      second.assertAlive();
      expect(receiver.posts.length).toBe(settled);

      const received = new Set(receiver.delivered.keys());
      expect([...received].filter((k) => !expectedKeys.has(k))).toEqual([]);
      expect([...expectedKeys].filter((k) => !received.has(k))).toEqual([]);
      const repeated = [...receiver.delivered].filter(([, n]) => n > 1);
      const rawDuplicates = receiver.okCount - received.size;
      // Only a delivery in flight at the kill can be sent twice, and only once more.
      expect(repeated.every(([, n]) => n === 2)).toBe(true);
      expect(rawDuplicates).toBeLessThanOrEqual(CONCURRENCY);
      expect(receiver.posts.every((p) => p.status === 200)).toBe(true);

      const rows = await ledger(rig.db.prisma);
      expect(rows.size).toBe(expectedKeys.size);
      const notSent = [...expectedKeys].filter((k) => rows.get(k)?.status !== "sent");
      expect(notSent).toEqual([]);

      console.info(
        `[faults] kill -9 with ${count} due nudges: ${firstPhaseDelivered} delivered in ${firstPhaseMs} ms before the kill ` +
          `(${Math.round((firstPhaseDelivered * 1000) / firstPhaseMs)}/s incl. start-up), ${atKill} at the kill; ` +
          `all ${expectedKeys.size} delivered ${recoveredMs} ms after it; ${receiver.posts.length} POSTs, ` +
          `${rawDuplicates} raw duplicate(s) with a key already seen: ${repeated.map(([k]) => k).join(", ") || "none"}`,
      );
    },
    SOAK ? 1_000_000 : 120_000,
  );
});
