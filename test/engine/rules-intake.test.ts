import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy } from "../../src/core/policy/schema.ts";
import { createTestEngine, inbox, seedTeam, type TestEngine } from "../helpers/engine.ts";

describe("intake, ownership, triage and major complaints (seeds 000-004)", () => {
  let t: TestEngine;
  let box: ReturnType<typeof inbox>;
  beforeAll(async () => {
    const policy = defaultPolicy();
    policy.categories = policy.categories.map((c) =>
      c.id === "delivery" ? { ...c, department: "logistics" } : c,
    );
    t = await createTestEngine("postgres", { policy });
    await seedTeam(t);
    await t.ok("admin", 'staff add id:vera name:"Vera" role:vp manager:gm');
    await t.ok("admin", 'staff add id:leo name:"Leo" role:dept-manager dept:logistics manager:gm');
    await t.ok("admin", 'staff add id:dan name:"Dan" role:handler dept:logistics manager:leo');
    box = inbox(t);
    await box.take();
  });
  afterAll(async () => t?.close());

  it("records every intake field, and routes by category to its department", async () => {
    const r = await t.ok(
      "amy",
      'open channel:partner name:"Zhang Wei" contact:+86-139-0013-9000 content:"Fridge delivered dented" place:"Store 12, Pudong" domestic:no demand:"Replace the fridge" order:SO-88812 category:delivery received:2026-11-22T10:00+08:00',
    );
    expect(r.complaint).toMatchObject({
      channel: "partner",
      place: "Store 12, Pudong",
      domestic: false,
      demand: "Replace the fridge",
      orderRef: "SO-88812",
      category: "delivery",
      department: "logistics",
      contact: "13900139000",
      receivedAt: "2026-11-22T02:00:00.000Z",
      owner: "amy",
    });
    const notes = await box.take();
    expect(notes).toEqual([expect.objectContaining({ kind: "channel", to: "logistics" })]);
    expect(JSON.stringify(notes)).not.toContain("13900139000");
  });

  it("keeps the first-contact owner apart from the assignee; handover moves ownership and records it", async () => {
    await t.ok("leo", "assign id:TS-2611-0001 to:dan");
    const r = await t.ok("amy", 'handover id:TS-2611-0001 to:hana note:"Going on leave"');
    expect(r.complaint).toMatchObject({ owner: "hana", assignee: "dan" });
    expect(await box.take()).toContainEqual(
      expect.objectContaining({
        kind: "dm",
        to: "hana",
        text: expect.stringContaining("handed TS-2611-0001 over to you"),
      }),
    );
    const trail = await t.db.prisma.auditEvent.findFirst({
      where: { subject: "TS-2611-0001", action: "complaint.handover" },
    });
    expect(trail?.data).toMatchObject({ from: "amy", to: "hana", note: "Going on leave" });
    const again = await t.run("amy", "handover id:TS-2611-0001 to:bob");
    expect(!again.ok && again.error.code).toBe("E_FORBIDDEN");
  });

  it("triage: an invalid complaint needs a reason and is closed with it", async () => {
    await t.ok(
      "amy",
      'open channel:hotline name:"Li" contact:13800138001 content:"Competitor\'s product broke"',
    );
    const missing = await t.run("amy", "triage id:TS-2611-0002 valid:no");
    expect(!missing.ok && missing.error.message).toContain("reason: missing");
    const r = await t.ok(
      "amy",
      'triage id:TS-2611-0002 valid:no reason:"Bought from another brand"',
    );
    expect(r.complaint).toMatchObject({
      status: "closed",
      valid: false,
      invalidReason: "Bought from another brand",
    });
  });

  it("triage: justified with fault, category and severity; fault needs justified", async () => {
    await t.ok(
      "amy",
      'open channel:hotline name:"Qian" contact:13800138002 content:"Rude agent on the phone"',
    );
    const bad = await t.run("amy", "triage id:TS-2611-0003 valid:yes fault:company");
    expect(!bad.ok && bad.error.message).toContain("fault: applies to a justified complaint");
    const r = await t.ok(
      "amy",
      "triage id:TS-2611-0003 valid:yes category:service-attitude justified:yes fault:not-company severity:complex",
    );
    expect(r.complaint).toMatchObject({
      status: "triaged",
      justified: true,
      fault: "not-company",
      severity: "complex",
      category: "service-attitude",
    });
    expect(r.text).toContain("justified (company not at fault)");
  });

  it("a third-party (media) complaint is major at once: leadership DM'd, management channel told", async () => {
    const r = await t.ok(
      "amy",
      'open channel:media name:"Reporter" contact:reporter@news.example.com content:"Asking about the recall"',
    );
    expect(r.complaint).toMatchObject({
      severity: "major",
      major: { reason: "came in through Media" },
    });
    expect(r.text).toContain("MAJOR");
    const sent = await box.take();
    const dms = sent
      .filter((n) => n.kind === "dm")
      .map((n) => n.to)
      .sort();
    expect(dms).toEqual(["gm", "vera"]);
    expect(sent).toContainEqual(
      expect.objectContaining({ kind: "channel", to: "management", urgent: true }),
    );
  });

  it("marking a complaint major at triage tells leadership once", async () => {
    await t.ok(
      "amy",
      'open channel:hotline name:"Sun" contact:13800138003 content:"Smoke from the charger"',
    );
    await box.take();
    await t.ok("amy", "triage id:TS-2611-0005 valid:yes severity:major");
    expect((await box.take()).filter((n) => n.text.startsWith("MAJOR"))).toHaveLength(3);
    await t.ok("carol", "triage id:TS-2611-0005 valid:yes severity:major category:product-quality");
    expect((await box.take()).filter((n) => n.text.startsWith("MAJOR"))).toHaveLength(0);
  });

  it("three complaints about one issue within the window make the third major", async () => {
    for (const i of [1, 2]) {
      const r = await t.ok(
        "amy",
        `open channel:hotline name:"C${i}" contact:1380013810${i} content:"Double charge" issue:may-billing-run`,
      );
      expect(r.complaint?.major).toBeNull();
    }
    const third = await t.ok(
      "amy",
      'open channel:hotline name:"C3" contact:13800138103 content:"Double charge" issue:May-Billing-Run',
    );
    expect(third.complaint?.major?.reason).toBe(
      "3 complaints about issue may-billing-run within P7D",
    );
    // Outside the window the count starts over.
    t.clock.advance(8 * 86_400_000);
    const later = await t.ok(
      "amy",
      'open channel:hotline name:"C4" contact:13800138104 content:"Double charge" issue:may-billing-run',
    );
    expect(later.complaint?.major).toBeNull();
  });
});
