import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../../src/core/engine.ts";
import type { DomainEvent } from "../../src/core/notifications/notification.ts";
import { notificationsFor, staffLocales } from "../../src/core/notifications/render.ts";
import { defaultPolicy } from "../../src/core/policy/schema.ts";
import type { Outcome } from "../../src/core/reply/reply.ts";
import { chartRenderer } from "../../src/reports/chart-renderer.ts";
import { fileExporter } from "../../src/reports/file-exporter.ts";
import { ensureAdmins } from "../../src/store/bootstrap.ts";
import { prismaUnitOfWork } from "../../src/store/unit-of-work.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { ManualClock, testCalendar } from "../helpers/engine.ts";
import { NOW, seedMonth } from "./fixture.ts";

type Ok = Extract<Outcome, { ok: true }>;

// CJK ideographs and full-width punctuation: what Chinese text is made of.
const chinese = /[\u4e00-\u9fff\uff00-\uffef]/;

/**
 * The reports speak the reader's language: a Chinese-speaking manager gets
 * the statistics, the per-agent view, the export and the daily report in
 * Chinese (values, ids and numbers as they are), an English-speaking one the
 * same figures in English; the monthly post and its charts follow the
 * channel's language.
 */
describe("reports in each reader's language", () => {
  let db: TestDatabase;
  let engine: Engine;
  let dir: string;
  const policy = defaultPolicy();

  const ok = async (actor: string, line: string): Promise<Ok> => {
    const outcome = await engine.execute(line, actor);
    if (!outcome.ok) throw new Error(`${line}\n  -> ${outcome.text}`);
    return outcome;
  };

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    dir = await mkdtemp(path.join(tmpdir(), "cd-reports-i18n-"));
    await ensureAdmins(db.prisma, ["admin"]);
    engine = new Engine({
      uow: prismaUnitOfWork(db.prisma),
      policy,
      clock: new ManualClock(NOW),
      calendar: testCalendar(policy),
      services: {
        charts: chartRenderer(),
        exporter: fileExporter(db.prisma, { dir }),
      },
    });
    for (const line of [
      'staff add id:gm name:"Gao Ming" role:gm',
      'staff add id:zhou name:"周总" role:gm locale:zh-CN',
      'staff add id:carol name:"Carol Wu" role:dept-manager dept:billing manager:gm',
      'staff add id:wei name:"魏经理" role:dept-manager dept:logistics manager:gm locale:zh-CN',
      'staff add id:bob name:"Bob Chen" role:handler dept:billing manager:carol',
      'staff add id:hana name:"Han Na" role:handler dept:billing manager:carol',
      'staff add id:amy name:"Amy Li" role:agent dept:billing manager:carol',
      'staff add id:leo name:"Leo" role:handler dept:logistics manager:wei',
    ]) {
      await ok("admin", line);
    }
    await seedMonth(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("stats: headline, sections and charts in Chinese, the figures unchanged", async () => {
    const zh = await ok("zhou", "stats month:2026-10");
    const en = await ok("gm", "stats month:2026-10 charts:no");
    expect(zh.text).toBe("投诉统计 2026-10：受理 5 件，结案 4 件");
    expect(zh.fields).toEqual([
      { label: "受理量", value: "5" },
      { label: "结案量", value: "4（另有无效投诉 1 件）" },
      { label: "按时率", value: "50.0%（4/8）" },
      { label: "处理时长（工作时间）", value: "平均 25.0 小时，P90 37.0 小时（已结案 4 件）" },
      { label: "满意率", value: "75.0%（3/4）" },
      { label: "重复投诉率", value: "20.0%（1/5）" },
      { label: "赔偿", value: "已批准 2 笔，共 300.50 CNY" },
    ]);
    const section = (heading: string) => zh.sections?.find((s) => s.heading === heading)?.lines;
    expect(zh.sections?.map((s) => s.heading)).toEqual([
      "按受理渠道",
      "按投诉类别",
      "按级别",
      "按部门",
      "各项时限按时率",
      "责任归属",
      "赔偿",
      "与 2026-09 相比",
    ]);
    // Policy labels, severities and deadlines in Chinese; department names as they are.
    expect(section("按受理渠道")).toEqual(["客服热线：3（60.0%）", "网页表单：2（40.0%）"]);
    expect(section("按投诉类别")?.[0]).toBe("价格 / 计费：2（40.0%）");
    expect(section("按级别")).toEqual(["一般：3（60.0%）", "复杂：1（20.0%）", "重大：1（20.0%）"]);
    expect(section("各项时限按时率")).toEqual([
      "首次答复：66.7%（2/3）",
      "处理结果答复：0.0%（0/2）",
      "结案：66.7%（2/3）",
    ]);
    expect(section("责任归属")).toEqual([
      "账务部：折合 1.70 件（56.7%），涉及投诉 2 件",
      "物流部：折合 1.30 件（43.3%），涉及投诉 2 件",
    ]);
    expect(section("与 2026-09 相比")).toContain("重复投诉率：20.0%（+20.0 个百分点）");
    // The figures are the same whoever reads them; --json keys and values do not change.
    expect(zh.stats).toEqual(en.stats);
    expect(en.text).toBe("Complaint statistics 2026-10: 5 received, 4 closed");
    expect(en.sections?.[0]?.lines).toEqual(["Hotline: 3 (60.0%)", "Web form: 2 (40.0%)"]);
    // The charts: same files, titles and labels in Chinese.
    expect(zh.files?.map((f) => f.filename)).toEqual([
      "trend-2026-10.png",
      "category-2026-10.png",
      "department-2026-10.png",
      "on-time-2026-10.png",
    ]);
    expect(zh.files?.map((f) => f.title)).toEqual([
      "月度投诉量（截至 2026-10）",
      "按投诉类别统计（2026-10）",
      "按部门统计（2026-10）",
      "各项时限按时率（%）（2026-10）",
    ]);
  });

  it("stats by:agent and by:dept, and a manager's own department, in Chinese", async () => {
    const agents = await ok("zhou", "stats month:2026-10 by:agent");
    expect(agents.text).toBe("按处理人统计，2026-10：共 3 名处理人");
    expect(agents.sections?.[0]?.lines[0]).toBe(
      "bob：结案 2，未结 1，按时率 75.0%（3/4），满意率 100.0%（2/2），平均处理时长 25.0 小时",
    );
    const depts = await ok("zhou", "stats month:2026-10 by:dept channel:web");
    expect(depts.text).toBe("按部门统计，2026-10、网页表单：共 1 个部门");
    const own = await ok("wei", "stats month:2026-10 charts:no");
    expect(own.text).toBe("投诉统计 2026-10、物流部：受理 2 件，结案 1 件");
    const refused = await engine.execute("stats month:2026-10 dept:billing", "wei");
    expect(!refused.ok && refused.error).toEqual({
      code: "E_FORBIDDEN",
      message: "作为 logistics 的部门经理，你只能查看 logistics 的数据，不能查看 billing 的数据",
    });
    const bad = await engine.execute("stats month:October", "zhou");
    expect(!bad.ok && bad.error.message).toBe('month："October" 必须是月份，例如 2026-10');
    expect(!bad.ok && bad.error.details?.fields).toEqual({ month: "不是月份" });
    // The English colleague reads the same view in English.
    const english = await ok("gm", "stats month:2026-10 by:agent");
    expect(english.text).toBe("Per agent, 2026-10: 3 agents");
    expect(english.sections?.[0]?.lines[0]).toBe(
      "bob: handled 2, open 1, on time 75.0% (3/4), satisfaction 100.0% (2/2), average 25.0 h",
    );
  });

  it("export answers in Chinese; the file's columns stay the data format", async () => {
    const zh = await ok("wei", "export month:2026-10 contacts:masked");
    expect(zh.text).toMatch(
      /^已导出 2 件投诉（2026-10-logistics，联系方式已脱敏）到文件 complaints-2026-10-logistics-\S+\.csv$/,
    );
    expect(zh.files?.[0]?.title).toBe("投诉导出 2026-10-logistics（2 行）");
    const en = await ok("gm", "export month:2026-10");
    expect(en.files?.[0]?.title).toBe("Complaints 2026-10 (5 rows)");
    const both = await engine.execute("export month:2026-10 from:2026-10-01", "zhou");
    expect(!both.ok && both.error).toMatchObject({
      code: "E_VALIDATION",
      message: "month：month: 与 from:/to: 只能二选一",
      details: { fields: { month: "与 from:/to: 同时给出" } },
    });
    const xlsx = await engine.execute("export format:xlsx month:2026-10", "zhou");
    expect(!xlsx.ok && xlsx.error.message).toBe("此处不支持 xlsx 格式的导出；请使用 format:csv");
  });

  it("daily answers in Chinese and posts in the channel's language", async () => {
    const zh = await ok("wei", "daily date:2026-10-08");
    expect(zh.text).toBe("物流部 2026-10-08 投诉日报，已发布到 #logistics");
    // TS-2610-0004 was received that day (the fixture writes receivedAt, not createdAt).
    expect(zh.sections?.[0]?.lines).toEqual([
      "新增：1",
      "结案：0",
      "超时：1（TS-2610-0004）",
      "明日到期：0",
    ]);
    const en = await ok("carol", "daily date:2026-10-08");
    expect(en.text).toBe("Daily report 2026-10-08 for 账务部, posted to #billing");
  });

  it("the monthly post and its charts read the channel's language", async () => {
    await ok("zhou", "stats month:2026-10 post:yes charts:no");
    const row = await db.prisma.outboxEvent.findFirstOrThrow({
      where: { type: "report.monthly" },
      orderBy: { id: "desc" },
    });
    const event: DomainEvent = {
      id: row.id.toString(),
      type: row.type,
      aggregateId: row.aggregateId,
      payload: row.payload as Record<string, unknown>,
    };
    // The raw event keeps an English text for readers of the outbox; the figures travel with it.
    expect(String(event.payload.text).split("\n")[0]).toBe("Complaint statistics 2026-10");
    expect(event.payload).toMatchObject({ month: "2026-10", currency: "CNY" });
    const staff = await db.prisma.staff.findMany({ select: { id: true, locale: true } });
    const [english] = notificationsFor(event, staffLocales(staff, policy));
    expect(english?.text.split("\n").slice(0, 3)).toEqual([
      "Complaint statistics 2026-10",
      "Received: 5",
      "Closed: 4 (and 1 invalid)",
    ]);
    expect(english?.charts?.map((c) => c.title)).toEqual([
      "Complaints per month, to 2026-10",
      "By category, 2026-10",
      "By department, 2026-10",
      "On time (%), 2026-10",
    ]);
    const [chinese] = notificationsFor(event, staffLocales(staff, { ...policy, locale: "zh-CN" }));
    expect(chinese).toMatchObject({ kind: "channel", to: "management" });
    expect(chinese?.text.split("\n").slice(0, 4)).toEqual([
      "投诉统计 2026-10",
      "受理量：5",
      "结案量：4（另有无效投诉 1 件）",
      "按时率：50.0%（4/8）",
    ]);
    const department = chinese?.charts?.find((c) => c.id === "department-2026-10");
    expect(department?.title).toBe("按部门统计（2026-10）");
    expect(department?.categories).toEqual(["账务部", "物流部", "（无）"]);
    const onTime = chinese?.charts?.find((c) => c.id === "on-time-2026-10");
    expect(onTime?.categories).toEqual(["首次答复", "处理结果答复", "结案"]);
    expect(onTime?.series[0]?.name).toBe("按时率（%）");
    // An event written before the figures travelled still posts its text, without charts.
    const old = notificationsFor(
      { ...event, payload: { channel: "management", text: "Complaint statistics 2026-09" } },
      staffLocales(staff, policy),
    );
    expect(old).toEqual([expect.objectContaining({ text: "Complaint statistics 2026-09" })]);
    expect(old[0]?.charts).toBeUndefined();
  });

  it("every text of the reports reads as Chinese for a Chinese reader", async () => {
    const outcomes = [
      await ok("zhou", "stats month:2026-10 charts:no"),
      await ok("zhou", "stats month:2026-10 by:agent"),
      await ok("zhou", "stats month:2026-10 by:dept"),
    ];
    for (const o of outcomes) {
      expect(o.text).toMatch(chinese);
      for (const f of o.fields ?? []) expect(f.label).toMatch(chinese);
      for (const s of o.sections ?? []) {
        expect(s.heading).toMatch(chinese);
        for (const line of s.lines) expect(line).toMatch(chinese);
      }
    }
  });
});
