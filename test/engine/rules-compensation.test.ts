import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestEngine,
  fingerprint,
  inbox,
  seedTeam,
  type TestEngine,
} from "../helpers/engine.ts";

describe("compensation (seeds 001, 002)", () => {
  let t: TestEngine;
  let box: ReturnType<typeof inbox>;
  beforeAll(async () => {
    t = await createTestEngine("postgres");
    await seedTeam(t);
    await t.ok("admin", 'staff add id:vera name:"Vera" role:vp manager:gm');
    await t.ok("admin", "staff edit id:carol manager:vera");
    await t.ok(
      "amy",
      'open channel:hotline name:"Factory Ltd" contact:13800138000 content:"Shipment spoiled"',
    );
    await t.ok("carol", "assign id:TS-2611-0001 to:bob");
    box = inbox(t);
    await box.take();
  });
  afterAll(async () => t?.close());

  it("refuses more than 3x the actual loss and writes nothing", async () => {
    const before = await fingerprint(t);
    const r = await t.run(
      "bob",
      'compensate id:TS-2611-0001 amount:30001 loss:10000 reason:"Too generous"',
    );
    expect(!r.ok && r.error.message).toBe(
      "amount: 30001.00 is above the cap of 3 × the loss 10000.00 = 30000.00 (policy compensation.capMultipleOfLoss, seed 001)",
    );
    expect(await fingerprint(t)).toBe(before);
  });

  it("up to 100,000 goes to the department manager, with Approve / Reject buttons", async () => {
    const r = await t.ok(
      "bob",
      'compensate id:TS-2611-0001 amount:"100,000" loss:40000 reason:"Rework and re-shipment"',
    );
    expect(r.text).toBe(
      "Compensation CP-2611-0001 for 100000.00 CNY on TS-2611-0001 is waiting for carol (dept-manager)",
    );
    const [dm] = await box.take();
    expect(dm).toMatchObject({ kind: "dm", to: "carol" });
    expect(dm?.actions?.map((a) => a.command)).toEqual([
      "complaint approve id:CP-2611-0001 decision:approve",
      "complaint approve id:CP-2611-0001 decision:reject",
    ]);
  });

  it("a 120,000 claim needs the vice president", async () => {
    const r = await t.ok(
      "bob",
      'compensate id:TS-2611-0001 amount:120000 loss:60000 reason:"Lost production day"',
    );
    expect(r.text).toContain("is waiting for vera (vp)");
  });

  it("above 150,000 the general manager decides", async () => {
    const r = await t.ok(
      "bob",
      'compensate id:TS-2611-0001 amount:150000.01 loss:60000 reason:"Contract penalty"',
    );
    expect(r.text).toContain("is waiting for gm (gm)");
  });

  it("nobody approves their own request, and a peer below the tier may not either", async () => {
    await t.ok("admin", "staff role id:hana role:dept-manager");
    const own = await t.ok(
      "carol",
      'compensate id:TS-2611-0001 amount:500 loss:500 reason:"Goodwill"',
    );
    expect(own.text).toContain("is waiting for vera"); // carol's own request climbs to her manager
    const self = await t.run("carol", "approve id:CP-2611-0004 decision:approve");
    expect(!self.ok && self.error.message).toBe("nobody approves their own request");
    const peer = await t.run("hana", "approve id:CP-2611-0002 decision:approve");
    expect(!peer.ok && peer.error.code).toBe("E_FORBIDDEN");
  });

  it("a decision is recorded once; the second click changes nothing and says why", async () => {
    await box.take();
    const first = await t.ok("carol", 'approve id:CP-2611-0001 decision:approve note:"OK"');
    expect(first.text).toBe("CP-2611-0001 approved: 100000.00 CNY on TS-2611-0001");
    expect(await box.take()).toEqual([
      expect.objectContaining({
        kind: "dm",
        to: "bob",
        text: expect.stringContaining("was approved by carol: OK"),
      }),
    ]);
    const before = await fingerprint(t);
    const second = await t.run("carol", "approve id:CP-2611-0001 decision:reject");
    expect(!second.ok && second.error.message).toMatch(
      /^CP-2611-0001 was already approved by carol at .*; nothing changed$/,
    );
    expect(await fingerprint(t)).toBe(before);
  });

  it("double clicks racing each other decide once", async () => {
    const results = await Promise.all([
      t.engine.execute("approve id:CP-2611-0002 decision:approve", "vera"),
      t.engine.execute("approve id:CP-2611-0002 decision:reject", "vera"),
      t.engine.execute("approve id:CP-2611-0002 decision:approve", "gm"),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const row = await t.db.prisma.compensation.findUniqueOrThrow({ where: { id: "CP-2611-0002" } });
    expect(["approved", "rejected"]).toContain(row.status);
  });

  it("shows requests and decisions on the case", async () => {
    const r = await t.ok("carol", "show id:TS-2611-0001");
    const section = r.sections?.find((s) => s.heading === "Compensation");
    expect(section?.lines[0]).toBe("CP-2611-0001: 100000.00 CNY (loss 40000.00) approved by carol");
    expect(section?.lines[2]).toBe(
      "CP-2611-0003: 150000.01 CNY (loss 60000.00) pending, waiting for gm",
    );
  });
});

describe("approvals waiting for me, and what is due soon", () => {
  it("lists the requests routed to me with Approve / Reject, and my cases due within a day", async () => {
    const t = await createTestEngine("postgres", { now: "2026-11-23T02:00:00Z" });
    try {
      await seedTeam(t);
      await t.ok(
        "amy",
        'open channel:partner name:"Shop" contact:13800138000 content:"Broken on arrival"',
      );
      await t.ok("carol", "assign id:TS-2611-0001 to:bob");
      expect((await t.ok("carol", "approve")).text).toBe(
        "No compensation requests are waiting for you.",
      );
      await t.ok("bob", 'compensate id:TS-2611-0001 amount:800 loss:400 reason:"Replacement"');
      const mine = await t.ok("carol", "approve");
      expect(mine.text).toBe("1 compensation request waiting for your decision");
      expect(mine.sections?.[0]?.lines[0]).toBe(
        "CP-2611-0001 on TS-2611-0001: 800.00 CNY (loss 400.00), asked by bob: Replacement",
      );
      expect(mine.actions?.map((a) => a.command)).toEqual([
        "complaint approve id:CP-2611-0001 decision:approve",
        "complaint approve id:CP-2611-0001 decision:reject",
      ]);
      expect((await t.run("bob", "approve")).ok).toBe(false);
      // Partner transfers get 24 h for the first reply: due within a day from the start.
      expect((await t.ok("bob", "list filter:due-soon")).complaints?.map((c) => c.number)).toEqual([
        "TS-2611-0001",
      ]);
      expect((await t.ok("hana", "list filter:due-soon")).total).toBe(0);
      t.clock.advance(30 * 3_600_000); // first reply overdue, result (3 working days) not within 24 h yet
      expect((await t.ok("bob", "list filter:due-soon")).total).toBe(0);
    } finally {
      await t.close();
    }
  });
});
