import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../helpers/db.ts";
import { createTestEngine, replyFields, seedTeam, type TestEngine } from "../helpers/engine.ts";

describe.each(databaseKinds)("complaint lifecycle on %s", (kind) => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine(kind);
    await seedTeam(t);
  });
  afterAll(async () => t?.close());

  it("takes a complaint from intake to close, with audit and outbox for every change", async () => {
    const opened = await t.ok(
      "amy",
      'open channel:hotline name:"Wang Li" contact:13800138000 content:"Charged twice for May"',
    );
    expect(opened.complaint).toMatchObject({
      number: "TS-2611-0001",
      status: "registered",
      owner: "amy",
      assignee: null,
      department: "billing",
      version: 1,
    });
    const id = "TS-2611-0001";
    expect((await t.ok("amy", `assign id:${id} to:bob`)).complaint).toMatchObject({
      status: "assigned",
      assignee: "bob",
    });
    expect((await t.ok("bob", `note id:${id} text:"Called the customer"`)).complaint?.status).toBe(
      "in_progress",
    );
    const resolved = await t.ok(
      "bob",
      `resolve id:${id} result:"Refunded the duplicate charge" ${replyFields()}`,
    );
    expect(resolved.complaint).toMatchObject({
      status: "resolved",
      resolution: "Refunded the duplicate charge",
      resolvedBy: "bob",
    });
    expect(
      (await t.ok("amy", `callback id:${id} satisfied:yes resolved:yes`)).complaint?.status,
    ).toBe("callback_done");
    const closed = await t.ok("amy", `close id:${id} note:"Customer accepted"`);
    expect(closed.complaint).toMatchObject({
      status: "closed",
      closeReason: "Customer accepted",
      version: 6,
    });

    const audit = await t.db.prisma.auditEvent.findMany({
      where: { subject: id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "complaint.opened",
      "complaint.assigned",
      "complaint.noted",
      "complaint.resolved",
      "complaint.callback_done",
      "complaint.closed",
    ]);
    expect(audit.map((a) => a.version)).toEqual([1, 2, 3, 4, 5, 6]);
    const outbox = await t.db.prisma.outboxEvent.findMany({ orderBy: { id: "asc" } });
    expect(outbox.map((o) => o.type)).toEqual([
      "complaint.opened",
      "complaint.assigned",
      "complaint.resolved",
      "complaint.callback_done",
      "complaint.closed",
    ]);
  });

  it("closing needs the callback first when the policy asks for it", async () => {
    await t.ok(
      "amy",
      'open channel:email name:"Li Na" contact:li.na@example.com content:"Late parcel"',
    );
    await t.ok("amy", "assign id:TS-2611-0002 to:hana");
    await t.ok("hana", `resolve id:TS-2611-0002 result:"Re-shipped" ${replyFields()}`);
    const early = await t.run("amy", "close id:TS-2611-0002");
    expect(early.ok).toBe(false);
    expect(!early.ok && early.error.code).toBe("E_INVALID_STATE");
    expect(early.text).toContain("complaint callback id:TS-2611-0002");
  });

  it("an unsatisfied callback sends the case back to the assignee and counts a re-handle", async () => {
    const r = await t.ok(
      "amy",
      'callback id:TS-2611-0002 satisfied:no resolved:no note:"Still waiting"',
    );
    expect(r.complaint).toMatchObject({
      status: "in_progress",
      rehandleCount: 1,
      assignee: "hana",
    });
  });

  it("reopening a closed case leaves it untouched and opens a linked repeat one level up", async () => {
    const before = await t.db.prisma.complaint.findUniqueOrThrow({
      where: { number: "TS-2611-0001" },
    });
    const r = await t.ok("amy", 'reopen id:TS-2611-0001 reason:"Refund never arrived"');
    expect(r.complaint).toMatchObject({
      number: "TS-2611-0003",
      status: "registered",
      owner: "carol", // bob's manager
      severity: "complex",
      repeatOf: "TS-2611-0001",
      content: "Refund never arrived",
    });
    const after = await t.db.prisma.complaint.findUniqueOrThrow({
      where: { number: "TS-2611-0001" },
    });
    expect(after).toEqual(before);
    const trail = await t.db.prisma.auditEvent.findMany({
      where: { subject: "TS-2611-0001" },
      orderBy: { id: "asc" },
    });
    expect(trail.at(-1)?.action).toBe("complaint.repeated");
  });

  it("reopens a resolved case back into progress", async () => {
    await t.ok("amy", 'open channel:web name:"Zhao" contact:13900139000 content:"Wrong size"');
    await t.ok("carol", "assign id:TS-2611-0004 to:bob");
    await t.ok("bob", `resolve id:TS-2611-0004 result:"Exchanged" ${replyFields()}`);
    const r = await t.ok("amy", 'reopen id:TS-2611-0004 reason:"Exchange is also wrong"');
    expect(r.complaint).toMatchObject({ status: "in_progress", rehandleCount: 1 });
  });

  it("masks the contact for staff outside the case and audits every full read", async () => {
    const outsider = await t.ok("hana", "show id:TS-2611-0004");
    expect(outsider.complaint).toMatchObject({ contact: "139****9000", contactMasked: true });
    const reads = () =>
      t.db.prisma.auditEvent.count({ where: { subject: "TS-2611-0004", action: "pii.read" } });
    const before = await reads();
    const manager = await t.ok("carol", "show id:TS-2611-0004");
    expect(manager.complaint).toMatchObject({ contact: "13900139000", contactMasked: false });
    expect(await reads()).toBe(before + 1);
  });

  it("lists mine, open, unassigned and closed", async () => {
    const numbers = async (actor: string, line: string) =>
      (await t.ok(actor, line)).complaints?.map((c) => c.number);
    expect(await numbers("bob", "list filter:mine")).toEqual(["TS-2611-0004"]);
    expect(await numbers("amy", "list filter:unassigned")).toEqual(["TS-2611-0003"]);
    expect(await numbers("amy", "list filter:closed")).toEqual(["TS-2611-0001"]);
    expect(await numbers("amy", "list")).toEqual(["TS-2611-0002", "TS-2611-0003", "TS-2611-0004"]);
    expect(await numbers("amy", "list filter:all assignee:bob")).toEqual([
      "TS-2611-0001",
      "TS-2611-0004",
    ]);
    const page = await t.ok("amy", "list filter:all limit:2 page:2");
    expect(page.total).toBe(4);
    expect(page.complaints?.map((c) => c.number)).toEqual(["TS-2611-0003", "TS-2611-0004"]);
  });

  it("manages the staff directory", async () => {
    const list = await t.ok("amy", "staff list dept:billing");
    expect(list.staffList?.map((s) => s.id)).toEqual(["amy", "bob", "carol", "hana"]);
    const changed = await t.ok("admin", "staff role id:amy role:handler");
    expect(changed.staff?.role).toBe("handler");
    const last = await t.run("admin", "staff role id:admin role:agent");
    expect(!last.ok && last.error.code).toBe("E_INVALID_STATE");
    const dept = await t.db.prisma.department.findUniqueOrThrow({ where: { id: "billing" } });
    expect(dept.managerId).toBe("carol");
  });
});

describe("chat identities", () => {
  it("links a Slack account to a staff member once, and refuses a second owner", async () => {
    const t = await createTestEngine("postgres");
    try {
      await t.ok("admin", 'staff add id:bob name:"Bob Chen" role:handler email:Bob@Example.com');
      await t.ok("admin", 'staff add id:eve name:"Eve" role:handler');
      const linked = await t.ok("admin", "staff link id:bob platform:slack user:U024BE7LH");
      expect(linked.text).toBe("bob is slack user U024BE7LH");
      const again = await t.run("admin", "staff link id:eve platform:slack user:U024BE7LH");
      expect(!again.ok && again.error.code).toBe("E_DUPLICATE");
      const email = await t.run(
        "admin",
        'staff add id:bob2 name:"Bob" role:agent email:bob@example.com',
      );
      expect(!email.ok && email.error.message).toContain("email: bob@example.com already belongs");
      const bad = await t.run("admin", "staff link id:eve platform:slack user:U!x");
      expect(!bad.ok && bad.error.code).toBe("E_VALIDATION");
    } finally {
      await t.close();
    }
  });
});
