import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../../src/core/engine.ts";
import { prismaUnitOfWork } from "../../src/store/unit-of-work.ts";
import {
  createTestEngine,
  inbox,
  replyFields,
  seedTeam,
  testCalendar,
  type TestEngine,
} from "../helpers/engine.ts";

const failed = (o: { ok: boolean; error?: { code: string; message: string } }) =>
  o.ok ? null : o.error;

describe("replies in each staff member's language (zh-CN / en)", () => {
  let t: TestEngine;
  let box: ReturnType<typeof inbox>;
  beforeAll(async () => {
    t = await createTestEngine("postgres", { now: "2026-11-23T02:00:00Z" });
    await seedTeam(t);
    await t.ok(
      "admin",
      'staff add id:wang name:"王芳" role:agent dept:billing manager:carol locale:zh-CN',
    );
    await t.ok(
      "admin",
      'staff add id:li name:"李雷" role:handler dept:billing manager:carol locale:zh-CN',
    );
    box = inbox(t);
    await box.take();
  });
  afterAll(async () => t?.close());

  it("open, assign, show and list answer a Chinese-speaking agent in Chinese; values stay the grammar's", async () => {
    const opened = await t.ok(
      "wang",
      'open channel:hotline name:"王丽" contact:13800138000 content:"五月份重复扣费"',
    );
    expect(opened.text).toBe(
      "已登记 TS-2611-0001，你是首问负责人。下一步：complaint assign id:TS-2611-0001 to:<员工ID>",
    );
    expect(opened.complaint).toMatchObject({ status: "registered", channel: "hotline" });
    const field = (label: string) => opened.fields?.find((f) => f.label === label)?.value;
    expect(field("状态")).toBe("已登记");
    expect(field("受理渠道")).toBe("客服热线");
    expect(field("级别")).toBe("一般");
    expect(field("处理人")).toBe("未分派");
    expect(opened.actions?.[0]?.label).toBeUndefined(); // an agent cannot be assigned: no button
    // The team channel reads the policy's language (English by default).
    expect((await box.take()).map((n) => n.text)).toEqual([
      "New complaint TS-2611-0001 (hotline, general) opened by wang: 五月份重复扣费",
    ]);

    const assigned = await t.ok("wang", "assign id:TS-2611-0001 to:li");
    expect(assigned.text).toBe("TS-2611-0001 已分派给 li（李雷）");
    expect(await box.take()).toEqual([
      expect.objectContaining({
        kind: "dm",
        to: "li",
        text: "wang 将 TS-2611-0001（客服热线，一般）分派给你：五月份重复扣费",
      }),
    ]);

    await t.ok("li", 'note id:TS-2611-0001 text:"已致电客户"');
    const shown = await t.ok("wang", "show id:TS-2611-0001");
    expect(shown.text).toBe("TS-2611-0001：处理中，处理人 li");
    expect(shown.sections?.map((s) => s.heading)).toEqual(["处理时限", "备注", "处理记录"]);
    expect(shown.sections?.[0]?.lines[0]).toMatch(/^首次答复：2026-11-25 10:00 到期（还剩 2天）$/);
    // Audit times are the database's clock: only the words are compared.
    expect(shown.sections?.[2]?.lines.map((l) => l.slice(17))).toEqual([
      "wang 登记投诉",
      "wang 分派（已登记 → 已分派）",
      "li 添加备注（已分派 → 处理中）",
    ]);
    expect(shown.complaint?.deadlines?.[0]).toMatchObject({
      kind: "first_reply",
      label: "首次答复",
    });

    const listed = await t.ok("wang", "list");
    expect(listed.text).toBe("未结投诉共 1 件，显示第 1-1 件");
    expect(listed.sections?.[0]).toEqual({
      heading: "未结投诉",
      lines: ["TS-2611-0001 | 处理中 | li | 客服热线 | 一般 | 五月份重复扣费"],
    });
  });

  it("the same commands answer an English-speaking colleague in English", async () => {
    const opened = await t.ok(
      "amy",
      'open channel:hotline name:"Wang Li" contact:13800138001 content:"Charged twice"',
    );
    expect(opened.text).toBe(
      "Opened TS-2611-0002; you own it. Next: complaint assign id:TS-2611-0002 to:<staff>",
    );
    expect(opened.fields?.[0]).toEqual({ label: "Status", value: "registered" });
    expect((await t.ok("amy", "assign id:TS-2611-0002 to:bob")).text).toBe(
      "TS-2611-0002 assigned to bob (Bob Chen)",
    );
    expect((await t.ok("amy", "show id:TS-2611-0002")).text).toBe(
      "TS-2611-0002: assigned, assignee bob",
    );
    await box.take();
  });

  it("errors come in the actor's language, codes and option names unchanged", async () => {
    const unknown = failed(await t.run("wang", "complaint opne"));
    expect(unknown).toEqual({
      code: "E_UNKNOWN_COMMAND",
      message: '未知命令 "opne"；你是不是想输入 open？complaint help 可列出全部命令',
    });
    expect(failed(await t.run("amy", "complaint opne"))?.message).toBe(
      'unknown command "opne"; did you mean open? complaint help lists the commands',
    );

    const invalid = await t.run("wang", "open channel:fax contact:12");
    expect(failed(invalid)?.code).toBe("E_VALIDATION");
    expect(failed(invalid)?.message).toContain('channel："fax" 必须是以下之一：hotline, sms');
    expect(failed(invalid)?.message).toContain('contact："12" 不是有效的电话号码或电子邮件地址');
    expect(failed(invalid)?.message).toContain("name：缺少（投诉人姓名）");
    expect(!invalid.ok && invalid.error.details?.fields).toMatchObject({
      name: "缺少",
      content: "缺少",
    });

    const typo = failed(await t.run("wang", "note id:TS-2611-0001 txt:hello"));
    expect(typo?.message).toContain("txt：complaint note 没有选项 txt（你是不是想输入 text？）");

    const forbidden = failed(await t.run("wang", "approve id:CP-2611-0001 decision:approve"));
    expect(forbidden).toEqual({
      code: "E_FORBIDDEN",
      message: "complaint approve 需要「部门经理」或更高的角色；你的角色是「坐席」",
    });
    const notParty = failed(await t.run("wang", "note id:TS-2611-0002 text:hi"));
    expect(notParty?.message).toBe(
      "只有 TS-2611-0002 的首问负责人（amy）、处理人（bob）或经理才能为其添加备注",
    );
    const state = failed(await t.run("wang", "close id:TS-2611-0001"));
    expect(state?.code).toBe("E_INVALID_STATE");
    expect(state?.message).toBe(
      "TS-2611-0001 当前为「处理中」；此操作要求投诉单处于：已回访、无效",
    );
    const parse = failed(await t.run("wang", 'note id:TS-2611-0001 text:"unclosed'));
    expect(parse).toEqual({
      code: "E_PARSE",
      message: 'text 的值以 " 引号开头，但没有闭合；请补上结尾的 "',
    });
  });

  it("someone not in the directory hears the policy's language", async () => {
    expect(failed(await t.run("nobody", "list"))?.message).toMatch(
      /^you \(nobody\) are not in the staff directory/,
    );
    const chinese = new Engine({
      uow: prismaUnitOfWork(t.db.prisma),
      policy: { ...t.policy, locale: "zh-CN" },
      clock: t.clock,
      calendar: testCalendar(t.policy),
    });
    const outcome = await chinese.execute("list", "nobody");
    expect(!outcome.ok && outcome.error).toEqual({
      code: "E_UNKNOWN_STAFF",
      message:
        '你（nobody）不在员工名录中；请管理员用 complaint staff add id:nobody name:"…" role:agent 添加你',
    });
    // With a Chinese policy, people without a language of their own read Chinese too.
    expect((await chinese.execute("show id:TS-2611-0002", "amy")).text).toBe(
      "TS-2611-0002：已分派，处理人 bob",
    );
  });

  it("one event, two recipients: each DM in its reader's language", async () => {
    // Reassigning tells the new assignee (English) and the previous one (Chinese).
    await t.ok("carol", "assign id:TS-2611-0001 to:bob");
    const [toBob, toLi] = await box.take();
    expect(toBob).toMatchObject({
      kind: "dm",
      to: "bob",
      text: "TS-2611-0001 (hotline, general) was assigned to you by carol: 五月份重复扣费",
    });
    expect(toLi).toMatchObject({
      kind: "dm",
      to: "li",
      text: "TS-2611-0001 已由 carol 从你改派给 bob",
    });

    // An approval request carries its buttons in the approver's language.
    await t.ok("admin", "staff edit id:carol locale:zh-CN");
    await t.ok("bob", 'compensate id:TS-2611-0001 amount:100 loss:100 reason:"重复扣费退款"');
    const [approval] = await box.take();
    expect(approval).toMatchObject({
      to: "carol",
      text: "bob 请你审批 TS-2611-0001 的赔偿申请 CP-2611-0001：100.00 CNY（损失 100.00）。理由：重复扣费退款",
    });
    expect(approval?.actions?.map((a) => [a.label, a.command])).toEqual([
      ["批准", "complaint approve id:CP-2611-0001 decision:approve"],
      ["驳回", "complaint approve id:CP-2611-0001 decision:reject"],
    ]);
    const approved = await t.ok("carol", "approve id:CP-2611-0001 decision:approve");
    expect(approved.text).toBe("CP-2611-0001 已批准：TS-2611-0001，100.00 CNY");
    expect((await box.take()).map((n) => [n.to, n.text])).toEqual([
      ["bob", "Compensation CP-2611-0001 on TS-2611-0001 was approved by carol"],
    ]);

    await t.ok("bob", `resolve id:TS-2611-0001 result:"已退款" ${replyFields()}`);
    expect((await box.take()).map((n) => [n.to, n.text])).toEqual([
      [
        "wang",
        "TS-2611-0001 已由 bob 答复；请回访客户，并用 complaint callback id:TS-2611-0001 登记回访结果",
      ],
    ]);
  });

  it("help answers in Chinese, with option names and values as they are typed", async () => {
    const all = await t.ok("wang", "help");
    expect(all.text).toMatch(/^共 \d+ 条命令。选项写成 名称:值/);
    expect(all.sections?.[0]?.heading).toBe("命令");
    expect(all.sections?.[0]?.lines[0]).toBe(
      "complaint open        登记新投诉；你将成为该投诉的首问负责人",
    );
    const open = await t.ok("wang", "help command:open");
    expect(open.text).toBe("complaint open: 登记新投诉；你将成为该投诉的首问负责人");
    const lines = open.sections?.[0]?.lines ?? [];
    expect(lines[0]).toBe("登记新投诉；你将成为该投诉的首问负责人。适用：全体员工。");
    expect(lines).toContain(
      "  channel: 投诉的受理渠道 (hotline|sms|email|web|store|wechat|letter|partner|consumer-association|12315|regulator|media)",
    );
    expect(lines).toContain("  place: [可选] 发生地点（门店、城市、地址）");
    const close = await t.ok("wang", "help command:close");
    expect(close.sections?.[0]?.lines[0]).toBe(
      "回访后结案；有理投诉须认定责任，超时结案须说明原因。适用：全体员工（限该投诉的首问负责人、处理人或经理）。",
    );
    const english = await t.ok("amy", "help command:open");
    expect(english.text).toBe(
      "complaint open: Register a new complaint; you become its first-contact owner",
    );
  });
});
