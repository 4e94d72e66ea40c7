import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maskContact } from "../../src/core/complaint/mask.ts";
import { Engine } from "../../src/core/engine.ts";
import { defaultPolicy } from "../../src/core/policy/schema.ts";
import type { Outcome } from "../../src/core/reply/reply.ts";
import type { Progress } from "../../src/core/reports/services.ts";
import { fileExporter } from "../../src/reports/file-exporter.ts";
import { ensureAdmins } from "../../src/store/bootstrap.ts";
import { prismaUnitOfWork } from "../../src/store/unit-of-work.ts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db.ts";
import { ManualClock, replyFields, testCalendar } from "../helpers/engine.ts";
import { parseCsv } from "./csv.ts";
import { NOW, number, seedMonth } from "./fixture.ts";

type Ok = Extract<Outcome, { ok: true }>;

describe.each(databaseKinds)("stats and export commands on %s", (kind) => {
  let db: TestDatabase;
  let engine: Engine;
  let dir: string;
  const clock = new ManualClock(NOW);
  const policy = defaultPolicy();
  const internal: unknown[] = [];
  const run = async (actor: string, line: string, progress?: (p: Progress) => void) => {
    const outcome = await engine.execute(line, actor, progress ? { onProgress: progress } : {});
    if (internal.length) throw internal[0] instanceof Error ? internal[0] : new Error("internal");
    return outcome;
  };
  const ok = async (actor: string, line: string, progress?: (p: Progress) => void) => {
    const outcome = await run(actor, line, progress);
    if (!outcome.ok) throw new Error(`${line}\n  -> ${outcome.text}`);
    return outcome;
  };
  const code = async (actor: string, line: string) => {
    const outcome = await run(actor, line);
    return outcome.ok ? "ok" : outcome.error.code;
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    dir = await mkdtemp(path.join(tmpdir(), "cd-exports-"));
    await ensureAdmins(db.prisma, ["admin"]);
    engine = new Engine({
      uow: prismaUnitOfWork(db.prisma),
      policy,
      clock,
      calendar: testCalendar(policy),
      onInternalError: (error) => internal.push(error),
      services: { exporter: fileExporter(db.prisma, { dir, batchSize: 3 }) },
    });
    for (const line of [
      'staff add id:gm name:"Gao Ming" role:gm',
      'staff add id:carol name:"Carol Wu" role:dept-manager dept:billing manager:gm',
      'staff add id:bob name:"Bob Chen" role:handler dept:billing manager:carol',
      'staff add id:hana name:"Han Na" role:handler dept:billing manager:carol',
      'staff add id:amy name:"Amy Li" role:agent dept:billing manager:carol',
      'staff add id:leo name:"Leo" role:handler dept:logistics manager:gm',
    ]) {
      await ok("admin", line);
    }
    await seedMonth(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("close stores the working time from receipt to close", async () => {
    clock.set("2026-11-23T02:00:00Z");
    // Monday 09:00 to Tuesday 12:00 in Shanghai: 9 working hours, then 3.
    await ok(
      "amy",
      'open channel:hotline name:"Zhao" contact:13700137000 content:"Late parcel" received:2026-11-23T09:00+08:00',
    );
    const n = "TS-2611-0001";
    await ok("carol", `assign id:${n} to:bob`);
    await ok("bob", `resolve id:${n} result:"Re-sent" ${replyFields()}`);
    await ok("amy", `callback id:${n} satisfied:yes resolved:yes`);
    clock.set("2026-11-24T04:00:00Z");
    await ok("amy", `close id:${n}`);
    const row = await db.prisma.complaint.findUniqueOrThrow({ where: { number: n } });
    expect(row.handlingSeconds).toBe(12 * 3600);
    clock.set(NOW);
  });

  it("stats gives the month's figures, with the change against the month before", async () => {
    const r = await ok("gm", "stats month:2026-10");
    expect(r.text).toBe("Complaint statistics 2026-10: 5 received, 4 closed");
    expect(r.fields).toEqual([
      { label: "Received", value: "5" },
      { label: "Closed", value: "4 (and 1 invalid)" },
      { label: "On time", value: "50.0% (4/8)" },
      {
        label: "Handling time",
        value: "average 25.0 h, p90 37.0 h (working hours, 4 closed)",
      },
      { label: "Satisfaction", value: "75.0% (3/4)" },
      { label: "Repeat complaints", value: "20.0% (1/5)" },
      { label: "Compensation", value: "2 approved, 300.50 CNY" },
    ]);
    const section = (heading: string) => r.sections?.find((s) => s.heading === heading)?.lines;
    expect(section("By department")).toEqual([
      "账务部: 2 (40.0%)",
      "物流部: 2 (40.0%)",
      "(none): 1 (20.0%)",
    ]);
    expect(section("On time, by deadline")).toEqual([
      "First reply: 66.7% (2/3)",
      "Result to customer: 0.0% (0/2)",
      "Close: 66.7% (2/3)",
    ]);
    expect(section("Responsibility")).toEqual([
      "账务部: 1.70 complaints' worth (56.7%), named in 2",
      "物流部: 1.30 complaints' worth (43.3%), named in 2",
    ]);
    expect(section("Change against 2026-09")).toEqual([
      "Received: 5 (+4, +400.0%)",
      "Closed: 4 (+4)",
      "On time: 50.0% (n/a)",
      "Average handling: 25.0 h (n/a)",
      "Satisfaction: 75.0% (n/a)",
      "Repeat complaints: 20.0% (+20.0 pp)",
      "Compensation approved: 300.50 CNY (+300.50)",
    ]);
    expect(r.stats?.figures?.handling).toEqual({
      measured: 4,
      averageSeconds: 90000,
      p90Seconds: 133200,
    });
    expect(r.stats?.trend).toHaveLength(12);
    expect(r.stats?.trend?.at(-1)).toEqual({
      label: "2026-10",
      received: 5,
      closed: 4,
      onTime: { onTime: 4, late: 4 },
    });
    // No chart renderer in this engine: the figures come without files.
    expect(r.files).toBeUndefined();
  });

  it("defaults to last month, and refuses a month that is not one", async () => {
    expect((await ok("gm", "stats")).stats?.month).toBe("2026-10");
    const bad = await run("gm", "stats month:October");
    expect(!bad.ok && bad.error.details?.fields).toEqual({ month: "not a month" });
  });

  it("is for managers; a department manager sees their own department only", async () => {
    expect(await code("bob", "stats month:2026-10")).toBe("E_FORBIDDEN");
    expect(await code("amy", "export month:2026-10")).toBe("E_FORBIDDEN");
    const own = await ok("carol", "stats month:2026-10");
    expect(own.stats?.filter).toEqual({ departmentId: "billing" });
    expect(own.text).toBe("Complaint statistics 2026-10, 账务部: 2 received, 3 closed");
    expect(await code("carol", "stats month:2026-10 dept:logistics")).toBe("E_FORBIDDEN");
    expect(await code("carol", "export month:2026-10 dept:logistics")).toBe("E_FORBIDDEN");
    expect(await code("gm", "stats month:2026-10 dept:nowhere")).toBe("E_NOT_FOUND");
  });

  it("shows the month per agent and per department", async () => {
    const agents = await ok("gm", "stats month:2026-10 by:agent");
    expect(agents.sections?.[0]?.lines).toEqual([
      "bob: handled 2, open 1, on time 75.0% (3/4), satisfaction 100.0% (2/2), average 25.0 h",
      "leo: handled 1, open 1, on time 0.0% (0/2), satisfaction 100.0% (1/1), average 30.0 h",
      "hana: handled 1, open 0, on time 50.0% (1/2), satisfaction 0.0% (0/1), average 20.0 h",
    ]);
    const depts = await ok("gm", "stats month:2026-10 by:dept channel:web");
    expect(depts.stats?.groups?.map((g) => [g.key, g.handled, g.open])).toEqual([
      ["logistics", 1, 1],
    ]);
  });

  it("post:yes sends the summary to the management channel", async () => {
    const before = await db.prisma.outboxEvent.count();
    await ok("gm", "stats month:2026-10 post:yes");
    const events = await db.prisma.outboxEvent.findMany({ orderBy: { id: "asc" }, skip: before });
    expect(events.map((e) => e.type)).toEqual(["report.monthly"]);
    const payload = events[0]?.payload as { channel?: string; text?: string };
    expect(payload.channel).toBe("management");
    expect(payload.text?.split("\n").slice(0, 3)).toEqual([
      "Complaint statistics 2026-10",
      "Received: 5",
      "Closed: 4 (and 1 invalid)",
    ]);
    // What the monthly job looks for so that a retried job posts once.
    const posted = await db.prisma.auditEvent.findFirst({
      where: {
        action: "report.monthly",
        actorId: "gm",
        data: { path: ["month"], equals: "2026-10" },
      },
    });
    expect(posted?.subject).toBe("report:all");
  });

  it("exports CSV that reads back as the data, in batches, with progress", async () => {
    const seen: Progress[] = [];
    const r: Ok = await ok("gm", "export month:2026-10", (p) => seen.push(p));
    const file = r.files?.[0];
    expect(file?.path).toBeDefined();
    expect(path.dirname(file?.path ?? "")).toBe(dir);
    expect(file).toMatchObject({ rows: 5, contentType: "text/csv; charset=utf-8" });
    expect(r.text).toMatch(
      /^Exported 5 complaints \(2026-10, contacts in full\) to complaints-2026-10-/,
    );
    const bytes = await readFile(file?.path ?? "");
    expect(file?.bytes).toBe(bytes.length);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = parseCsv(bytes.toString("utf8").slice(1));
    expect(header?.slice(0, 7)).toEqual([
      "number",
      "status",
      "channel",
      "received_at",
      "complainant",
      "contact",
      "content",
    ]);
    const col = (name: string) => header?.indexOf(name) ?? -1;
    const stored = await db.prisma.complaint.findMany({
      where: {
        receivedAt: { gte: new Date("2026-09-30T16:00Z"), lt: new Date("2026-10-31T16:00Z") },
      },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    });
    expect(rows.map((x) => x[col("number")])).toEqual(stored.map((c) => c.number));
    expect(rows.map((x) => x[col("contact")])).toEqual(stored.map((c) => c.contact));
    expect(rows.map((x) => x[col("content")])).toEqual(stored.map((c) => c.content));
    expect(rows.map((x) => x[col("complainant")])).toEqual(stored.map((c) => c.complainantName));
    const c3 = rows.find((x) => x[col("number")] === number("C3"));
    expect(c3?.[col("received_at")]).toBe("2026-10-07T10:00:00+08:00");
    expect(c3?.[col("repeat_of")]).toBe(number("C0"));
    expect(c3?.[col("handling_hours")]).toBe("30");
    expect(c3?.[col("department")]).toBe("logistics");
    // Batches of 3: progress after each, ending at the total.
    expect(seen.map((p) => p.done)).toEqual([0, 3, 5]);
    expect(seen.every((p) => p.total === 5)).toBe(true);
    // The audit trail has the export, with its scope.
    const audit = await db.prisma.auditEvent.findFirst({
      where: { action: "report.exported" },
      orderBy: { id: "desc" },
    });
    expect(audit?.data).toMatchObject({ format: "csv", contacts: "all" });
  });

  it("masks contacts on request, and filters", async () => {
    const r = await ok("carol", "export month:2026-10 contacts:masked status:closed");
    const [header, ...rows] = parseCsv((await readFile(r.files?.[0]?.path ?? "", "utf8")).slice(1));
    const col = (name: string) => header?.indexOf(name) ?? -1;
    // carol's scope is billing: C1 and C2 are billing's closed complaints of October.
    expect(rows.map((x) => x[col("number")])).toEqual([number("C1"), number("C2")]);
    expect(rows.map((x) => x[col("contact")])).toEqual([
      maskContact("13800138001"),
      maskContact("wang@example.com"),
    ]);
    expect(rows.map((x) => x[col("contact")])).toEqual(["138****8001", "w***@example.com"]);
  });

  it("an export that finds nothing is an empty file with its header; xlsx needs its writer", async () => {
    const r = await ok("gm", "export month:2020-01");
    expect(r.files?.[0]?.rows).toBe(0);
    expect(parseCsv((await readFile(r.files?.[0]?.path ?? "", "utf8")).slice(1))).toHaveLength(1);
    expect(await code("gm", "export format:xlsx month:2026-10")).toBe("E_UNAVAILABLE");
    expect(await code("gm", "export month:2026-10 from:2026-10-01")).toBe("E_VALIDATION");
    // Only finished files are left behind.
    expect((await readdir(dir)).filter((f) => f.endsWith(".partial"))).toEqual([]);
  });
});
