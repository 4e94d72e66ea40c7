import { z } from "zod";
import { DURATION_EXAMPLE, durationSchema, type Duration } from "./duration.ts";

/**
 * The complaint-handling policy. Every number in docs/domain-rules.md lives
 * here as a default, never as a constant in code, because the source
 * regulations disagree and each company picks its own. Pure: the file is read
 * and the environment consulted in src/config; this module only validates.
 *
 * Objects are strict so a misspelt key fails loudly instead of silently
 * falling back to the default. Every message starts with "expected" so the
 * config loader can print `key = value: expected …`.
 */

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const CHANNEL_KINDS = ["direct", "transfer", "third-party"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CLOCKS = ["working", "calendar"] as const;

/** Whom a case can be waiting on (complaint wait on:…). */
export const WAITING_PARTIES = ["customer", "third-party"] as const;
export type WaitingParty = (typeof WAITING_PARTIES)[number];
export type Clock = (typeof CLOCKS)[number];

export const ESCALATION_RUNGS = [
  "assignee",
  "owner",
  "dept-manager",
  "team-channel",
  "gm",
] as const;
export type EscalationRung = (typeof ESCALATION_RUNGS)[number];

/** Roles that approve money or get told about major cases (same names as staff roles). */
export const APPROVER_ROLES = ["dept-manager", "vp", "gm"] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

export interface Deadline {
  after: Duration;
  clock: Clock;
}

export function isValidTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

// ---------------------------------------------------------------- leaf types

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = (what: string) =>
  z
    .string({
      // YAML reads an unquoted 12315 as a number; say how to fix that rather than just "not a string".
      error: (issue) =>
        typeof issue.input === "number"
          ? `expected a ${what} as text: quote it, e.g. "${issue.input}"`
          : `expected a ${what}: lower-case letters, digits and hyphens, e.g. "hotline"`,
    })
    .max(40, { error: `expected a ${what} of at most 40 characters` })
    .regex(SLUG, {
      error: `expected a ${what}: lower-case letters, digits and hyphens, e.g. "hotline"`,
    });

const text = (what: string, max = 200) =>
  z
    .string({ error: `expected ${what} (text)` })
    .trim()
    .min(1, { error: `expected ${what}, not empty` })
    .max(max, { error: `expected ${what} of at most ${max} characters` });

const positiveInt = (what: string, max = Number.MAX_SAFE_INTEGER) =>
  z
    .number({ error: `expected ${what} (a whole number)` })
    .int({ error: `expected ${what} (a whole number)` })
    .min(1, { error: `expected ${what} of at least 1` })
    .max(max, { error: `expected ${what} of at most ${max}` });

const positiveNumber = (what: string) =>
  z
    .number({ error: `expected ${what} (a number)` })
    .positive({ error: `expected ${what} greater than 0` });

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const timeOfDay = z
  .string({ error: 'expected a time of day "HH:MM" (quote it in YAML), e.g. "09:00"' })
  .regex(HH_MM, { error: 'expected a time of day "HH:MM" between 00:00 and 23:59, e.g. "09:00"' });

const isoDate = z
  .string({ error: 'expected a date "YYYY-MM-DD"' })
  .refine(isIsoDate, { error: 'expected a real calendar date "YYYY-MM-DD", e.g. "2025-10-08"' });

const positiveDuration = () => durationSchema({ positive: true });

const enumOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of ${values.map((v) => JSON.stringify(v)).join(", ")}` });

const labels = z.strictObject(
  { en: text("an English label"), "zh-CN": text("a Chinese label") },
  { error: 'expected labels { en: "…", zh-CN: "…" }' },
);

/** Reports duplicates at the position of the second occurrence, so the message points at it. */
function unique<T>(key: (item: T) => unknown, what: string, field?: string) {
  return (items: readonly T[], ctx: z.RefinementCtx) => {
    const seen = new Set<unknown>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) {
        ctx.addIssue({
          code: "custom",
          message: `expected each ${what} once; ${JSON.stringify(k)} appears again`,
          path: field === undefined ? [i] : [i, field],
          input: k,
        });
      }
      seen.add(k);
    });
  };
}

// ---------------------------------------------------------------- deadlines

const deadlineObject = z.strictObject(
  { after: positiveDuration(), clock: enumOf(CLOCKS).default("calendar") },
  { error: `expected ${DURATION_EXAMPLE}, or { after: <duration>, clock: working | calendar }` },
);

/**
 * A bare string ("P3D") is shorthand for a calendar-clock deadline. It is
 * widened before validation rather than parsed as a union, so errors point
 * at `after` and the loader can show the value the author wrote.
 */
export const deadlineSchema = z.preprocess(
  (value) => (typeof value === "string" ? { after: value } : value),
  deadlineObject,
);

const deadline = (after: string, clock: Clock = "calendar") =>
  deadlineSchema.prefault({ after, clock });

// ---------------------------------------------------------------- sections

const channelSchema = z
  .strictObject({
    id: slug("channel id"),
    kind: enumOf(CHANNEL_KINDS),
    // Absent means "major if third party": complaints via 消协, 12315, regulators or media are escalated (001).
    major: z.boolean({ error: "expected true or false" }).optional(),
    labels,
  })
  .transform(({ id, kind, major, labels }) => ({
    id,
    kind,
    major: major ?? kind === "third-party",
    labels,
  }));

export type Channel = z.output<typeof channelSchema>;

const channel = (id: string, kind: ChannelKind, en: string, zh: string) => ({
  id,
  kind,
  labels: { en, "zh-CN": zh },
});

const DEFAULT_CHANNELS = [
  channel("hotline", "direct", "Hotline", "客服热线"),
  channel("sms", "direct", "SMS", "短信"),
  channel("email", "direct", "Email", "电子邮件"),
  channel("web", "direct", "Web form", "网页表单"),
  channel("store", "direct", "In store / counter", "门店 / 柜台"),
  channel("wechat", "direct", "WeChat", "微信"),
  channel("letter", "direct", "Letter", "信函"),
  channel("partner", "transfer", "Transfer from partner or store", "合作方 / 门店转来"),
  channel("consumer-association", "third-party", "Consumer association", "消费者协会"),
  channel("12315", "third-party", "12315 / 315 hotline", "12315 / 315 热线"),
  channel("regulator", "third-party", "Regulator", "监管部门"),
  channel("media", "third-party", "Media", "媒体"),
];

const categorySchema = z.strictObject({
  id: slug("category id"),
  labels,
  department: slug("department id").optional(),
});

export type Category = z.output<typeof categorySchema>;

const causeSchema = z.strictObject({ id: slug("cause id"), labels });
export type Cause = z.output<typeof causeSchema>;

// 001, section 5 of the domain rules: the cause recorded with every reply.
const DEFAULT_CAUSES = [
  { id: "service-attitude", labels: { en: "Service attitude", "zh-CN": "服务态度" } },
  { id: "human-error", labels: { en: "Human error", "zh-CN": "人为差错" } },
  { id: "no-recording", labels: { en: "No recording available", "zh-CN": "无录音" } },
  { id: "second-complaint", labels: { en: "Second complaint", "zh-CN": "二次投诉" } },
  { id: "operation-error", labels: { en: "Operation error", "zh-CN": "操作失误" } },
  { id: "product-defect", labels: { en: "Product defect", "zh-CN": "产品缺陷" } },
  {
    id: "customer-misunderstanding",
    labels: { en: "Customer misunderstanding", "zh-CN": "客户误解" },
  },
  { id: "other", labels: { en: "Other", "zh-CN": "其他" } },
];

const category = (id: string, en: string, zh: string) => ({ id, labels: { en, "zh-CN": zh } });

const DEFAULT_CATEGORIES = [
  category("product-quality", "Product quality", "产品质量"),
  category("service-attitude", "Service attitude", "服务态度"),
  category("billing", "Price / billing", "价格 / 计费"),
  category("mis-selling", "False advertising / mis-selling", "虚假宣传 / 误导销售"),
  category("delivery", "Delivery", "物流配送"),
  category("other", "Other", "其他"),
];

const calendarSchema = z
  .strictObject({
    mode: enumOf(["working", "24x7"]).default("working"),
    workingHours: z
      .strictObject({ start: timeOfDay.default("09:00"), end: timeOfDay.default("18:00") })
      .prefault({})
      .superRefine((hours, ctx) => {
        if (hours.start >= hours.end) {
          ctx.addIssue({
            code: "custom",
            message: `expected a time after start (${hours.start}); working hours cannot cross midnight`,
            path: ["end"],
            input: hours.end,
          });
        }
      }),
    // Company-specific days on top of the mainland-China holiday calendar.
    extraDaysOff: z.array(isoDate).prefault([]),
    extraWorkingDays: z.array(isoDate).prefault([]),
  })
  .superRefine((cal, ctx) => {
    const off = new Set(cal.extraDaysOff);
    cal.extraWorkingDays.forEach((day, i) => {
      if (off.has(day)) {
        ctx.addIssue({
          code: "custom",
          message: "expected a date that is not also listed in extraDaysOff",
          path: ["extraWorkingDays", i],
          input: day,
        });
      }
    });
  });

const compensationTierSchema = z.strictObject({
  upTo: positiveNumber("an amount").optional(),
  approver: enumOf(APPROVER_ROLES),
});

const compensationSchema = z
  .strictObject({
    // 001: refunds stay within three times the customer's actual loss.
    capMultipleOfLoss: positiveNumber("a multiple of the loss").default(3),
    // 001: company-at-fault major cases may refund double the loss.
    atFaultMajorMultiple: positiveNumber("a multiple of the loss").default(2),
    // 002: amounts are inclusive upper bounds in `currency` units (yuan, not fen).
    tiers: z
      .array(compensationTierSchema)
      .min(1, { error: "expected at least one approval tier" })
      .prefault([
        { upTo: 100000, approver: "dept-manager" },
        { upTo: 150000, approver: "vp" },
        { approver: "gm" },
      ]),
    currency: z
      .string({ error: 'expected an ISO-4217 currency code, e.g. "CNY"' })
      .regex(/^[A-Z]{3}$/, { error: 'expected an ISO-4217 currency code, e.g. "CNY"' })
      .default("CNY"),
  })
  .superRefine((comp, ctx) => {
    if (comp.atFaultMajorMultiple > comp.capMultipleOfLoss) {
      ctx.addIssue({
        code: "custom",
        message: `expected at most capMultipleOfLoss (${comp.capMultipleOfLoss})`,
        path: ["atFaultMajorMultiple"],
        input: comp.atFaultMajorMultiple,
      });
    }
    const last = comp.tiers.length - 1;
    let previous = 0;
    comp.tiers.forEach((tier, i) => {
      if (i === last) {
        if (tier.upTo !== undefined) {
          ctx.addIssue({
            code: "custom",
            message: "expected no upTo on the last tier: it approves every larger amount",
            path: ["tiers", i, "upTo"],
            input: tier.upTo,
          });
        }
        return;
      }
      if (tier.upTo === undefined) {
        ctx.addIssue({
          code: "custom",
          message: "expected an upTo amount on every tier but the last",
          path: ["tiers", i, "upTo"],
          input: undefined,
        });
        return;
      }
      if (tier.upTo <= previous) {
        ctx.addIssue({
          code: "custom",
          message: `expected tiers in ascending order: upTo greater than ${previous}`,
          path: ["tiers", i, "upTo"],
          input: tier.upTo,
        });
      }
      previous = Math.max(previous, tier.upTo);
    });
  });

export type CompensationTier = z.output<typeof compensationTierSchema>;

// ---------------------------------------------------------------- the policy

export const policySchema = z.strictObject({
  timezone: z
    .string({ error: 'expected an IANA time zone, e.g. "Asia/Shanghai"' })
    .refine(isValidTimeZone, { error: 'expected an IANA time zone, e.g. "Asia/Shanghai"' })
    .default("Asia/Shanghai"),
  locale: enumOf(LOCALES).default("en"),
  // 002: numbers are month + sequence; rendered PREFIX-YYMM-NNNN.
  numbering: z
    .strictObject({
      prefix: z
        .string({ error: "expected 1 to 6 capital letters A-Z" })
        .regex(/^[A-Z]{1,6}$/, { error: "expected 1 to 6 capital letters A-Z" })
        .default("TS"),
    })
    .prefault({}),
  channels: z
    .array(channelSchema)
    .min(1, { error: "expected at least one channel" })
    .superRefine(unique((c: Channel) => c.id, "channel id", "id"))
    .prefault(DEFAULT_CHANNELS),
  categories: z
    .array(categorySchema)
    .min(1, { error: "expected at least one category" })
    .superRefine(unique((c: Category) => c.id, "category id", "id"))
    .prefault(DEFAULT_CATEGORIES),
  causes: z
    .array(causeSchema)
    .min(1, { error: "expected at least one cause" })
    .superRefine(unique((c: Cause) => c.id, "cause id", "id"))
    .prefault(DEFAULT_CAUSES),
  lifecycle: z
    .strictObject({
      // 000, 003, 004: a case is closed only after the customer is called back (回访).
      callbackRequired: z.boolean({ error: "expected true or false" }).default(true),
      // While a case waits on these parties its deadlines are paused and resume with the time left.
      pauseWhileWaitingOn: z
        .array(enumOf(WAITING_PARTIES))
        .superRefine(unique((p: WaitingParty) => p, "waiting party"))
        .prefault([...WAITING_PARTIES]),
    })
    .prefault({}),
  limits: z
    .strictObject({
      contentMaxChars: positiveInt("a character count", 100_000).default(4000),
      nameMaxChars: positiveInt("a character count", 1000).default(100),
      noteMaxChars: positiveInt("a character count", 100_000).default(4000),
      reasonMaxChars: positiveInt("a character count", 100_000).default(1000),
      listPageSize: positiveInt("a page size", 200).default(20),
    })
    .prefault({}),
  calendar: calendarSchema.prefault({}),
  deadlines: z
    .strictObject({
      firstReply: z
        .strictObject({
          direct: deadline("PT48H"), // 001, 002
          transfer: deadline("PT24H"), // 001
          thirdParty: deadline("PT24H"), // 001
        })
        .prefault({}),
      crossDepartmentReply: deadline("PT24H"), // 004
      result: deadline("P3D", "working"), // 000
      investigationReport: deadline("P3D"), // 002
      close: z
        .strictObject({ domestic: deadline("P13D"), foreign: deadline("P17D") }) // 002
        .prefault({}),
      stages: z
        .record(slug("stage id"), deadlineSchema)
        .prefault({ "sales-branch": "P5D", market: "P7D", processing: "P2D" }), // 002
    })
    .prefault({}),
  reminders: z
    .strictObject({
      at: z
        .array(
          z
            .number({ error: "expected a fraction of the deadline in (0, 1], e.g. 0.8" })
            .gt(0, { error: "expected a fraction of the deadline in (0, 1], e.g. 0.8" })
            .lte(1, { error: "expected a fraction of the deadline in (0, 1], e.g. 0.8" }),
        )
        .superRefine(unique((n: number) => n, "reminder fraction"))
        .transform((at) => [...at].sort((a, b) => a - b))
        .prefault([0.5, 0.8, 1]),
      // 002: overdue cases are chased (催办) until closed.
      overdueEvery: positiveDuration().prefault("PT4H"),
      // "Due soon" (complaint list filter:due-soon, the Slack Home tab): due within this.
      dueSoonWithin: positiveDuration().prefault("PT24H"),
    })
    .prefault({}),
  escalation: z
    .strictObject({
      ladder: z
        .array(enumOf(ESCALATION_RUNGS))
        .min(1, { error: "expected at least one escalation rung" })
        .superRefine(unique((r: EscalationRung) => r, "escalation rung"))
        .prefault([...ESCALATION_RUNGS]),
      step: positiveDuration().prefault("PT4H"),
    })
    .prefault({}),
  contactAttempts: z
    .strictObject({
      // 001: ≥3 failed calls within 24 h → record each attempt and escalate.
      maxFailed: positiveInt("a number of attempts", 100).default(3),
      window: positiveDuration().prefault("PT24H"),
    })
    .prefault({}),
  major: z
    .strictObject({
      sameIssueCount: z
        .number({ error: "expected a whole number of complaints, at least 2" })
        .int({ error: "expected a whole number of complaints, at least 2" })
        .min(2, { error: "expected a whole number of complaints, at least 2" })
        .default(3),
      sameIssueWindow: positiveDuration().prefault("P7D"),
      // 001: major complaints are reported to leadership at once.
      notify: z
        .array(enumOf(APPROVER_ROLES))
        .superRefine(unique((r: ApproverRole) => r, "role"))
        .prefault(["gm", "vp"]),
      managementChannel: text("a channel reference", 80).default("management"),
    })
    .prefault({}),
  compensation: compensationSchema.prefault({}),
  reports: z
    .strictObject({
      // 002: monthly summary by the 10th; capped at 28 so every month has the day.
      monthlySummaryDueDay: positiveInt("a day of the month", 28).default(10),
      // 004: the night shift's daily report.
      dailyReportAt: timeOfDay.default("18:00"),
    })
    .prefault({}),
  repeat: z
    .strictObject({
      // 000: a repeat complaint on the same matter is handled one level higher.
      raiseSeverity: z.boolean({ error: "expected true or false" }).default(true),
    })
    .prefault({}),
});

export type Policy = z.output<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

/** All defaults: the policy an empty file yields. A fresh object each call, safe to mutate. */
export function defaultPolicy(): Policy {
  return policySchema.parse({});
}
