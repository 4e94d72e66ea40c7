import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestEngine, seedTeam, type TestEngine } from "../helpers/engine.ts";

const H = 3_600_000;

describe("the clock: waiting pauses deadlines, stages add their own", () => {
  let t: TestEngine;
  beforeAll(async () => {
    // Monday 2026-11-23 10:00 in Shanghai.
    t = await createTestEngine("postgres", { now: "2026-11-23T02:00:00Z" });
    await seedTeam(t);
    await t.ok(
      "amy",
      'open channel:hotline name:"Wang" contact:13800138000 content:"Router keeps dropping"',
    );
    await t.ok("carol", "assign id:TS-2611-0001 to:bob");
  });
  afterAll(async () => t?.close());

  const deadlines = async () => {
    const list = (await t.ok("bob", "show id:TS-2611-0001")).complaint?.deadlines ?? [];
    const byKind = (kind: string) => {
      const d = list.find((x) => x.kind === kind);
      if (!d) throw new Error(`no ${kind} deadline`);
      return d;
    };
    const due = (kind: string) => Date.parse(byKind(kind).dueAt ?? "");
    return { list, byKind, due };
  };

  it("pauses every running deadline while waiting on the customer, and resumes with the time left", async () => {
    const before = await deadlines();
    t.clock.advance(2 * H); // 12:00
    const r = await t.ok(
      "bob",
      'wait id:TS-2611-0001 on:customer reason:"Sends the modem serial tomorrow"',
    );
    expect(r.text).toBe("TS-2611-0001 is waiting on the customer; 3 deadline(s) paused");
    expect(r.complaint?.waiting).toMatchObject({ on: "customer" });
    const paused = await deadlines();
    expect(paused.list.every((d) => d.paused && d.dueAt === null)).toBe(true);
    const again = await t.run("bob", 'wait id:TS-2611-0001 on:customer reason:"again"');
    expect(!again.ok && again.error.code).toBe("E_INVALID_STATE");

    t.clock.advance(24 * H); // the next day, 12:00
    await t.ok("bob", "resume id:TS-2611-0001");
    const after = await deadlines();
    // Calendar clocks shift by the 24 h spent waiting.
    expect(after.due("first_reply") - before.due("first_reply")).toBe(24 * H);
    expect(after.due("close") - before.due("close")).toBe(24 * H);
    // The working clock shifts by one working day (9 working hours waited = one day).
    expect(new Date(after.due("result")).toISOString()).toBe("2026-11-27T02:00:00.000Z");
    expect(after.list.every((d) => !d.paused)).toBe(true);
  });

  it("a stage starts its own limit and ends the stage before it", async () => {
    await t.ok("bob", "stage id:TS-2611-0001 name:processing");
    let d = await deadlines();
    expect(d.byKind("stage:processing")).toMatchObject({ clock: "calendar", metAt: null });
    await t.ok("bob", "stage id:TS-2611-0001 name:market");
    d = await deadlines();
    expect(d.byKind("stage:processing").metAt).not.toBeNull();
    expect(d.byKind("stage:market").metAt).toBeNull();
    const bad = await t.run("bob", "stage id:TS-2611-0001 name:warehouse");
    expect(!bad.ok && bad.error.message).toContain(
      "must be one of sales-branch, market, processing",
    );
  });
});
