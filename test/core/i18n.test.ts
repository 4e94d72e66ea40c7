import { describe, expect, it } from "vitest";
import { localizedHelp, localizedSummary } from "../../src/core/commands/localize.ts";
import { commands } from "../../src/core/commands/registry.ts";
import { describeStatus } from "../../src/core/complaint/lifecycle.ts";
import { complaintFields } from "../../src/core/complaint/present.ts";
import { complaintView } from "../../src/core/complaint/view.ts";
import type { Complaint } from "../../src/core/complaint/complaint.ts";
import { ComplaintError, ErrorCode } from "../../src/core/errors.ts";
import { helpEn } from "../../src/core/i18n/help.en.ts";
import { en } from "../../src/core/i18n/messages.en.ts";
import {
  isMessage,
  localeOf,
  messageKeys,
  msg,
  templatesOf,
  translator,
  type Locale,
} from "../../src/core/i18n/translate.ts";
import { defaultPolicy } from "../../src/core/policy/schema.ts";

/**
 * A stand-in for any param value: reads as text, as a number, as a list or
 * as an object, and records nothing itself; the params proxy records which
 * params a template reads.
 */
function probe(label: string): unknown {
  const text = `«${label}»`;
  const self: Record<string | symbol, unknown> = {
    [Symbol.toPrimitive]: (hint: string) => (hint === "number" ? 2 : text),
    toJSON: () => text,
    toString: () => text,
    valueOf: () => text,
    map: (fn: (x: unknown, i: number) => unknown) => [fn(probe(`${label}[]`), 0)],
    filter: () => [probe(`${label}[]`)],
    join: () => text,
    slice: () => text,
    replace: () => text,
    toLowerCase: () => text,
    startsWith: () => false,
    includes: () => false,
    length: 2,
  };
  return new Proxy(self, {
    get: (target, prop) => (prop in target ? target[prop] : probe(`${label}.${String(prop)}`)),
  });
}

/** Renders a template with probes and returns the text and the params it read. */
function run(locale: Locale, key: string): { text: string; read: string[] } {
  const template = templatesOf(locale)[key];
  if (template === undefined) throw new Error(`${locale} has no ${key}`);
  if (typeof template === "string") return { text: template, read: [] };
  const read = new Set<string>();
  const params = new Proxy(
    {},
    {
      get: (_, prop) => {
        if (typeof prop === "string") read.add(prop);
        return probe(String(prop));
      },
    },
  );
  const f = translator(locale, defaultPolicy());
  const text = (template as (p: unknown, f: unknown) => string)(params, f);
  return { text, read: [...read].sort() };
}

// CJK ideographs, CJK punctuation (、。「」) and full-width forms (：，（）).
const chinese = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe("message catalog", () => {
  it("has every key in both languages, and messages and help do not share keys", () => {
    const zh = Object.keys(templatesOf("zh-CN")).sort();
    expect(zh).toEqual([...messageKeys].sort());
    expect(messageKeys.length).toBe(Object.keys(en).length + Object.keys(helpEn).length);
    expect(messageKeys.length).toBeGreaterThan(300);
  });

  it("gives each template the same params in both languages", () => {
    const mismatched = messageKeys.filter(
      (key) => run("en", key).read.join() !== run("zh-CN", key).read.join(),
    );
    expect(mismatched).toEqual([]);
  });

  it("translates every message: no Chinese text equals the English, and each reads as Chinese", () => {
    // Only option syntax, values and punctuation: nothing to translate.
    const sameWords = new Set(["help.optionLine"]);
    const untranslated = messageKeys.filter(
      (key) => !sameWords.has(key) && run("zh-CN", key).text === run("en", key).text,
    );
    expect(untranslated).toEqual([]);
    const notChinese = messageKeys.filter(
      (key) => !sameWords.has(key) && !chinese.test(run("zh-CN", key).text),
    );
    expect(notChinese).toEqual([]);
    const chineseInEnglish = messageKeys.filter(
      // 回访, 催办 and 有效投诉 are quoted on purpose: the terms staff know from the regulations.
      (key) => chinese.test(run("en", key).text) && !/回访|催办|有效投诉/.test(run("en", key).text),
    );
    expect(chineseInEnglish).toEqual([]);
  });

  it("renders params, formatters and policy labels in the reader's language", () => {
    const policy = defaultPolicy();
    const zh = translator("zh-CN", policy);
    const english = translator("en", policy);
    expect(zh("assign.done", { number: "TS-2611-0001", id: "bob", name: "Bob Chen" })).toBe(
      "TS-2611-0001 已分派给 bob（Bob Chen）",
    );
    expect(zh.status("in_progress")).toBe("处理中");
    expect(english.status("in_progress")).toBe("in progress");
    expect(zh.channel("hotline")).toBe("客服热线");
    expect(english.channel("hotline")).toBe("hotline");
    expect(zh.category("billing")).toBe("价格 / 计费");
    expect(zh.cause("operation-error")).toBe("操作失误");
    expect(zh.deadline("stage:processing")).toBe("processing 阶段");
    expect(zh.duration(26 * 3_600_000)).toBe("1天2小时");
    expect(zh.list(["a", "b"])).toBe("a、b");
    expect(zh.status("no-such-status")).toBe("no-such-status");
    expect(describeStatus("callback_done", "zh-CN")).toBe("已回访");
    expect(describeStatus("callback_done")).toBe("called back");
  });

  it("keeps a message unrendered until someone knows the reader's language", () => {
    const m = msg("mutate.noComplaint", { number: "TS-2611-0009" });
    expect(isMessage(m)).toBe(true);
    expect(isMessage({ key: "no.such.key" })).toBe(false);
    const error = new ComplaintError(ErrorCode.NotFound, m, {
      fields: { id: msg("field.unknown") },
    });
    expect(error.message).toBe(
      "there is no complaint TS-2611-0009; complaint list filter:all shows the numbers in use",
    );
    expect(error.details?.fields).toEqual({ id: "unknown" });
    const zh = error.localize(translator("zh-CN"));
    expect(zh.message).toBe("没有投诉单 TS-2611-0009；complaint list filter:all 可查看已有的单号");
    expect(zh.details?.fields).toEqual({ id: "未知" });
  });

  it("chooses the staff member's language, else the policy's", () => {
    expect(localeOf({ locale: "zh-CN" }, "en")).toBe("zh-CN");
    expect(localeOf({ locale: null }, "zh-CN")).toBe("zh-CN");
    expect(localeOf({ locale: "fr" }, "en")).toBe("en");
    expect(localeOf(null, "en")).toBe("en");
  });
});

describe("command help", () => {
  const policy = defaultPolicy();

  it("every summary and option help is a catalog message, so it exists in both languages", () => {
    const raw: string[] = [];
    for (const c of commands) {
      if (!isMessage(c.summaryText)) raw.push(c.name);
      for (const [name, spec] of Object.entries(c.options(policy))) {
        if (!isMessage(spec.helpText)) raw.push(`${c.name} ${name}`);
      }
    }
    expect(raw).toEqual([]);
  });

  it("keeps the English summary and help where adapters read them, and gives the Chinese on request", () => {
    const open = commands.find((c) => c.name === "open");
    if (!open) throw new Error("no open command");
    expect(open.summary).toBe("Register a new complaint; you become its first-contact owner");
    expect(localizedSummary(open, "en")).toBe(open.summary);
    expect(localizedSummary(open, "zh-CN")).toBe("登记新投诉；你将成为该投诉的首问负责人");
    const channel = open.options(policy).channel;
    if (!channel) throw new Error("no channel option");
    expect(channel.help).toBe("where the complaint came in");
    expect(localizedHelp(channel, "zh-CN")).toBe("投诉的受理渠道");
  });
});

describe("complaint fields", () => {
  const at = new Date("2026-11-23T02:00:00Z");
  const complaint = {
    id: "c1",
    number: "TS-2611-0001",
    status: "in_progress",
    channel: "hotline",
    complainantName: "王丽",
    contact: "13800138000",
    content: "五月份重复扣费",
    receivedAt: at,
    severity: "general",
    category: "billing",
    ownerId: "amy",
    assigneeId: null,
    majorAt: at,
    majorReason: "3 complaints about issue may-billing-run within P7D",
    justified: true,
    fault: "company",
    valid: true,
    escalationLevel: 0,
    rehandleCount: 0,
    version: 3,
    createdAt: at,
    updatedAt: at,
  } as unknown as Complaint;

  it("labels and values in Chinese; ids, numbers and the stored English stay as they are in English", () => {
    const view = complaintView(complaint, { showContact: true });
    const zh = complaintFields(view, "Asia/Shanghai", translator("zh-CN", defaultPolicy()));
    const get = (label: string) => zh.find((f) => f.label === label)?.value;
    expect(get("状态")).toBe("处理中");
    expect(get("受理渠道")).toBe("客服热线");
    expect(get("级别")).toBe("一般");
    expect(get("处理人")).toBe("未分派");
    expect(get("投诉类别")).toBe("价格 / 计费");
    expect(get("有理投诉")).toBe("是，公司有责");
    expect(get("重大投诉")).toBe("7天内关于问题 may-billing-run 的投诉已达 3 件");
    expect(get("受理时间")).toBe("2026-11-23 10:00");
    const english = complaintFields(view, "Asia/Shanghai");
    expect(english.find((f) => f.label === "MAJOR")?.value).toBe(
      "3 complaints about issue may-billing-run within P7D",
    );
    expect(english.find((f) => f.label === "Status")?.value).toBe("in progress");
  });
});
