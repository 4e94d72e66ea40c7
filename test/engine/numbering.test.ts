import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../helpers/db.ts";
import { createTestEngine, seedTeam, type TestEngine } from "../helpers/engine.ts";

const open = (i: number) =>
  `open channel:hotline name:"Customer ${i}" contact:1380013${String(i).padStart(4, "0")} content:"Complaint ${i}"`;

describe.each(databaseKinds)("complaint numbers on %s", (kind) => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine(kind, { now: "2026-11-30T15:00:00Z" });
    await seedTeam(t);
  });
  afterAll(async () => t?.close());

  it("stay unique and gap-free when 50 complaints are opened at once", async () => {
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => t.run("amy", open(i))));
    const failures = outcomes.filter((o) => !o.ok);
    expect(failures).toEqual([]);
    const numbers = outcomes.map((o) => (o.ok ? o.complaint?.number : undefined)).sort();
    expect(new Set(numbers).size).toBe(50);
    expect(numbers).toEqual(
      Array.from({ length: 50 }, (_, i) => `TS-2611-${String(i + 1).padStart(4, "0")}`),
    );
  });

  it("restart every month, by the month in the policy's time zone", async () => {
    // 2026-11-30T16:30Z is already 2026-12-01 00:30 in Asia/Shanghai.
    t.clock.set("2026-11-30T16:30:00Z");
    const first = await t.ok("amy", open(100));
    expect(first.complaint?.number).toBe("TS-2612-0001");
    t.clock.set("2027-01-01T01:00:00Z");
    expect((await t.ok("amy", open(101))).complaint?.number).toBe("TS-2701-0001");
    t.clock.set("2027-01-02T01:00:00Z");
    expect((await t.ok("amy", open(102))).complaint?.number).toBe("TS-2701-0002");
  });
});
