import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestEngine,
  fingerprint,
  inbox,
  replyFields,
  seedTeam,
  type TestEngine,
} from "../helpers/engine.ts";

const HOUR = 3_600_000;

describe("working the case (seeds 000, 001, 002)", () => {
  let t: TestEngine;
  let box: ReturnType<typeof inbox>;
  beforeAll(async () => {
    t = await createTestEngine("postgres");
    await seedTeam(t);
    box = inbox(t);
  });
  afterAll(async () => t?.close());

  it("a telecom customer unreachable three times within 24 h: flagged and escalated to the manager, once", async () => {
    await t.ok(
      "amy",
      'open channel:hotline name:"Wang" contact:13800138000 content:"Wrong data plan billed"',
    );
    await t.ok("amy", "assign id:TS-2611-0001 to:bob");
    await box.take();
    const first = await t.ok(
      "bob",
      'contact id:TS-2611-0001 outcome:unreachable note:"No answer 09:10"',
    );
    expect(first.text).toBe("TS-2611-0001: unreachable attempt logged (1 so far)");
    expect(first.complaint?.status).toBe("in_progress");
    t.clock.advance(4 * HOUR);
    await t.ok("bob", 'contact id:TS-2611-0001 outcome:unreachable note:"Busy 13:10"');
    t.clock.advance(4 * HOUR);
    const third = await t.ok(
      "bob",
      'contact id:TS-2611-0001 outcome:unreachable note:"Switched off 17:10"',
    );
    expect(third.text).toContain(
      "unreachable 3 times within PT24H; flagged and escalated to carol",
    );
    expect(third.complaint?.unreachableAt).not.toBeNull();
    const sent = await box.take();
    expect(sent.map((n) => n.to).sort()).toEqual(["amy", "carol"]);
    expect(sent.every((n) => n.urgent)).toBe(true);
    t.clock.advance(HOUR);
    await t.ok("bob", "contact id:TS-2611-0001 outcome:unreachable");
    expect(await box.take()).toEqual([]);
    const attempts = await t.db.prisma.contactAttempt.count();
    expect(attempts).toBe(4);
  });

  it("three failures spread over more than 24 h do not flag the case", async () => {
    await t.ok(
      "amy",
      'open channel:hotline name:"Zhou" contact:13800138001 content:"Slow broadband"',
    );
    await t.ok("amy", "assign id:TS-2611-0002 to:hana");
    for (let i = 0; i < 3; i++) {
      const r = await t.ok("hana", "contact id:TS-2611-0002 outcome:unreachable");
      expect(r.complaint?.unreachableAt).toBeNull();
      t.clock.advance(13 * HOUR);
    }
  });

  it("reaching the customer counts as the first reply", async () => {
    const r = await t.ok(
      "hana",
      'contact id:TS-2611-0002 outcome:reached note:"Explained the fix"',
    );
    expect(r.text).toBe("TS-2611-0002: customer reached; first reply done");
    const firstReply = await t.db.prisma.complaintDeadline.findFirst({
      where: { complaint: { number: "TS-2611-0002" }, kind: "first_reply" },
    });
    expect(firstReply?.metAt).not.toBeNull();
  });

  it("escalate: the assignee's manager becomes responsible and is told", async () => {
    await box.take();
    const r = await t.ok("amy", 'escalate id:TS-2611-0002 reason:"Customer asks for a supervisor"');
    expect(r.complaint).toMatchObject({
      assignee: "carol",
      escalationLevel: 1,
      status: "in_progress",
    });
    expect(await box.take()).toEqual([
      expect.objectContaining({
        kind: "dm",
        to: "carol",
        text: expect.stringContaining("you are now responsible"),
      }),
      expect.objectContaining({ kind: "dm", to: "hana" }),
    ]);
    const top = await t.run("carol", 'escalate id:TS-2611-0002 reason:"Again"');
    // carol's manager is gm, who may take it; gm has no manager above.
    expect(top.ok).toBe(true);
    const none = await t.run("gm", 'escalate id:TS-2611-0002 reason:"Higher"');
    expect(!none.ok && none.error.message).toContain("gm has no active manager to escalate to");
  });

  it("resolve names every missing reply field at once and writes nothing", async () => {
    const before = await fingerprint(t);
    const r = await t.run("bob", 'resolve id:TS-2611-0001 result:"Refunded"');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.error.details?.fields ?? {}).sort()).toEqual(
      [
        "cause",
        "contacted",
        "dept",
        "handler",
        "phone",
        "promised",
        "resolved",
        "satisfied",
      ].sort(),
    );
    expect(await fingerprint(t)).toBe(before);
    const ok = await t.ok("bob", `resolve id:TS-2611-0001 result:"Refunded" ${replyFields()}`);
    expect(ok.complaint?.reply).toEqual({
      cause: "operation-error",
      handler: "bob",
      handlerPhone: "13900139000",
      responsibleDept: "billing",
      contacted: true,
      satisfied: true,
      fullyResolved: true,
      promisedAt: "2026-11-25T10:00:00.000Z",
    });
  });

  it("callback: unsatisfied goes back to work and counts a re-handle; satisfied makes it closable", async () => {
    const no = await t.ok("amy", "callback id:TS-2611-0001 satisfied:no resolved:no");
    expect(no.complaint).toMatchObject({ status: "in_progress", rehandleCount: 1 });
    await t.ok("bob", `resolve id:TS-2611-0001 result:"Refunded twice checked" ${replyFields()}`);
    const yes = await t.ok("amy", "callback id:TS-2611-0001 satisfied:yes resolved:yes");
    expect(yes.complaint?.status).toBe("callback_done");
  });

  it("closing after the close deadline needs a reason for the delay", async () => {
    t.clock.advance(14 * 24 * HOUR); // past 13 days (domestic)
    const late = await t.run("amy", "close id:TS-2611-0001");
    expect(!late.ok && late.error.details?.fields).toEqual({ "delay-reason": "missing" });
    const r = await t.ok("amy", 'close id:TS-2611-0001 delay-reason:"Waited for the bank"');
    expect(r.complaint).toMatchObject({ status: "closed", delayReason: "Waited for the bank" });
    expect(r.text).toBe("TS-2611-0001 closed (late)");
  });

  it("a customer who complains again about a closed case gets a linked complaint one level up", async () => {
    const r = await t.ok(
      "amy",
      'open channel:hotline name:"Wang" contact:13800138000 content:"Billed wrong again" repeat-of:TS-2611-0001',
    );
    expect(r.complaint).toMatchObject({
      number: "TS-2612-0001", // fourteen days later: a new month, a new sequence
      owner: "carol",
      repeatOf: "TS-2611-0001",
      severity: "complex",
      escalationLevel: 1,
    });
    expect(r.text).toContain("as a repeat of TS-2611-0001; carol owns it, one level up");
  });

  it("show lists every deadline with its state", async () => {
    const r = await t.ok("carol", "show id:TS-2612-0001");
    expect(r.complaint?.deadlines?.map((d) => d.kind)).toEqual(["first_reply", "result", "close"]);
    expect(r.complaint?.deadlines?.every((d) => d.leftMs !== null && d.leftMs > 0)).toBe(true);
    expect(r.sections?.[0]?.heading).toBe("Deadlines");
  });
});
