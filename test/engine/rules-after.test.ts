import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestEngine,
  fingerprint,
  inbox,
  replyFields,
  seedTeam,
  type TestEngine,
} from "../helpers/engine.ts";

describe("after the case: responsibility, do-not-contact, hand-over, daily report (seeds 001-004)", () => {
  let t: TestEngine;
  let box: ReturnType<typeof inbox>;
  beforeAll(async () => {
    t = await createTestEngine("postgres", { now: "2026-11-23T02:00:00Z" });
    await seedTeam(t);
    await t.ok("admin", 'staff add id:leo name:"Leo" role:dept-manager dept:logistics manager:gm');
    for (const n of [1, 2, 3]) {
      await t.ok(
        "amy",
        `open channel:hotline name:"Customer ${n}" contact:1380013800${n} content:"Case ${n}"`,
      );
    }
    await t.ok("carol", "assign id:TS-2611-0001 to:bob");
    await t.ok("carol", "assign id:TS-2611-0002 to:bob");
    box = inbox(t);
  });
  afterAll(async () => t?.close());

  it("a justified complaint is closed with responsibility shares that sum to 100 %", async () => {
    await t.ok("bob", "triage id:TS-2611-0001 valid:yes justified:yes fault:company");
    await t.ok("bob", `resolve id:TS-2611-0001 result:"Refund and apology" ${replyFields()}`);
    await t.ok("amy", "callback id:TS-2611-0001 satisfied:yes resolved:yes");
    const before = await fingerprint(t);
    const missing = await t.run("amy", "close id:TS-2611-0001");
    expect(!missing.ok && missing.error.details?.fields).toEqual({ responsible: "missing" });
    const bad = await t.run("amy", 'close id:TS-2611-0001 responsible:"billing:70,logistics:20"');
    expect(!bad.ok && bad.error.message).toBe("responsible: the shares add up to 90 %, not 100 %");
    const unknown = await t.run("amy", 'close id:TS-2611-0001 responsible:"billing:70,nowhere:30"');
    expect(!unknown.ok && unknown.error.code).toBe("E_NOT_FOUND");
    expect(await fingerprint(t)).toBe(before);
    const r = await t.ok(
      "amy",
      'close id:TS-2611-0001 responsible:"billing:70,logistics:30" person:bob capa:"Double-check refunds"',
    );
    expect(r.text).toBe("TS-2611-0001 closed; responsibility billing 70%, logistics 30%");
    const rows = await t.db.prisma.responsibility.findMany({ orderBy: { share: "desc" } });
    expect(rows.map((x) => [x.departmentId, x.share, x.personId])).toEqual([
      ["billing", 70, "bob"],
      ["logistics", 30, "bob"],
    ]);
    expect(r.complaint?.capa).toBe("Double-check refunds");
  });

  it("do-not-contact: add from a complaint, check, export as CSV for other systems, remove (managers)", async () => {
    const added = await t.ok("amy", 'dnc add id:TS-2611-0002 reason:"Never call me again"');
    expect(added.text).toBe("13800138002 is on the do-not-contact list (from TS-2611-0002)");
    const again = await t.run("amy", 'dnc add contact:"+86 138 0013 8002" reason:"dup"');
    expect(!again.ok && again.error.code).toBe("E_DUPLICATE");
    await t.ok("amy", 'dnc add contact:someone@example.com reason:"=HYPERLINK(\\"x\\")"');
    expect((await t.ok("amy", "dnc check contact:13800138002")).fields).toEqual([
      { label: "Listed", value: "yes" },
    ]);
    expect((await t.ok("amy", "dnc check contact:13800138009")).text).toBe(
      "13800138009 is not on the do-not-contact list",
    );
    const agentExport = await t.run("amy", "dnc list export:yes");
    expect(!agentExport.ok && agentExport.error.code).toBe("E_FORBIDDEN");
    const csv = await t.ok("carol", "dnc list export:yes");
    expect(csv.attachment?.filename).toBe("do-not-contact.csv");
    const lines = csv.attachment?.content.trimEnd().split("\r\n");
    expect(lines?.[0]).toBe("contact,reason,added_at,added_by");
    expect(lines?.[1]).toMatch(/^13800138002,Never call me again,2026-11-23T02:00:00.000Z,amy$/);
    expect(lines?.[2]).toBe(
      `someone@example.com,"'=HYPERLINK(""x"")",2026-11-23T02:00:00.000Z,amy`,
    );
    expect((await t.run("amy", 'dnc remove contact:13800138002 reason:"asked"')).ok).toBe(false);
    expect(
      (await t.ok("carol", 'dnc remove contact:13800138002 reason:"Customer opted in"')).text,
    ).toBe("13800138002 is off the do-not-contact list");
  });

  it("shift hand-over moves every open case the giver owns or handles, with a summary", async () => {
    await t.ok("admin", 'staff add id:nina name:"Nina" role:handler dept:billing manager:carol');
    await box.take();
    const refused = await t.run("bob", "handover to:amy");
    expect(!refused.ok && refused.error.message).toContain(
      "amy is an agent and cannot take the 1 case(s) bob is handling",
    );
    const r = await t.ok("bob", 'handover to:nina note:"Call Customer 2 after 6 pm"');
    expect(r.text).toBe("Handed 1 open case(s). Call Customer 2 after 6 pm from bob to nina");
    expect(r.sections?.[0]?.lines).toEqual([
      expect.stringMatching(/^TS-2611-0002 \| assigned \| nina/),
    ]);
    expect(await box.take()).toEqual([
      expect.objectContaining({
        kind: "dm",
        to: "nina",
        text: expect.stringContaining("handed over their shift to you"),
      }),
    ]);
    const amyShift = await t.ok("amy", "handover to:hana");
    expect(amyShift.text).toContain("Handed 2 open case(s)"); // amy owns 0002 and 0003
    const owners = await t.db.prisma.complaint.findMany({
      where: { status: { not: "closed" } },
      orderBy: { number: "asc" },
    });
    expect(owners.map((c) => [c.number, c.ownerId, c.assigneeId])).toEqual([
      ["TS-2611-0002", "hana", "nina"],
      ["TS-2611-0003", "hana", null],
    ]);
  });

  it("the daily report counts new, closed, overdue and due tomorrow, and posts to the team channel", async () => {
    await box.take();
    t.clock.set("2026-11-25T03:00:00Z"); // 48 h after intake: first replies overdue
    const r = await t.ok("carol", "daily date:2026-11-23");
    expect(r.sections?.[0]).toEqual({
      heading: "Daily report 2026-11-23 for billing",
      lines: ["New: 3", "Closed: 1", "Overdue: 2 (TS-2611-0002, TS-2611-0003)", "Due tomorrow: 0"],
    });
    expect(await box.take()).toEqual([
      expect.objectContaining({
        kind: "channel",
        to: "billing",
        text: expect.stringContaining("New: 3; Closed: 1"),
      }),
    ]);
  });
});
