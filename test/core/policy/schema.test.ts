import { describe, expect, it } from "vitest";
import { defaultPolicy, policySchema } from "../../../src/core/policy/schema.ts";

const H = 3_600_000;
const D = 24 * H;

function issues(input: unknown): { path: string; message: string }[] {
  const result = policySchema.safeParse(input);
  if (result.success) throw new Error("expected the policy to be rejected");
  return result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

const label = { en: "X", "zh-CN": "X" };

describe("defaultPolicy", () => {
  it("is what an empty policy parses to, and a fresh object each time", () => {
    expect(policySchema.parse({})).toEqual(defaultPolicy());
    const a = defaultPolicy();
    a.channels.pop();
    a.compensation.tiers[0]!.upTo = 1;
    a.reminders.at.push(0.9);
    a.escalation.ladder.pop();
    a.major.notify.pop();
    a.calendar.extraDaysOff.push("2025-01-02");
    a.deadlines.firstReply.direct.after.ms = 1;
    expect(defaultPolicy()).toEqual(policySchema.parse({}));
    expect(defaultPolicy().channels).toHaveLength(12);
    expect(defaultPolicy().compensation.tiers[0]?.upTo).toBe(100000);
  });

  it("carries every rule of domain-rules.md", () => {
    const p = defaultPolicy();
    expect(p.timezone).toBe("Asia/Shanghai");
    expect(p.locale).toBe("en");
    expect(p.numbering.prefix).toBe("TS");
    expect(p.lifecycle.callbackRequired).toBe(true);
    expect(p.limits).toEqual({
      contentMaxChars: 4000,
      nameMaxChars: 100,
      noteMaxChars: 4000,
      reasonMaxChars: 1000,
      listPageSize: 20,
    });
    expect(p.calendar).toEqual({
      mode: "working",
      workingHours: { start: "09:00", end: "18:00" },
      extraDaysOff: [],
      extraWorkingDays: [],
    });

    const d = p.deadlines;
    expect(d.firstReply.direct).toEqual({ after: { iso: "PT48H", ms: 48 * H }, clock: "calendar" });
    expect(d.firstReply.transfer).toEqual({
      after: { iso: "PT24H", ms: 24 * H },
      clock: "calendar",
    });
    expect(d.firstReply.thirdParty).toEqual({
      after: { iso: "PT24H", ms: 24 * H },
      clock: "calendar",
    });
    expect(d.crossDepartmentReply.after.ms).toBe(24 * H);
    expect(d.result).toEqual({ after: { iso: "P3D", ms: 3 * D }, clock: "working" });
    expect(d.investigationReport).toEqual({ after: { iso: "P3D", ms: 3 * D }, clock: "calendar" });
    expect(d.close.domestic.after.ms).toBe(13 * D);
    expect(d.close.foreign.after.ms).toBe(17 * D);
    expect(Object.fromEntries(Object.entries(d.stages).map(([k, v]) => [k, v.after.iso]))).toEqual({
      "sales-branch": "P5D",
      market: "P7D",
      processing: "P2D",
    });

    expect(p.reminders).toEqual({
      at: [0.5, 0.8, 1],
      overdueEvery: { iso: "PT4H", ms: 4 * H },
      dueSoonWithin: { iso: "PT24H", ms: 24 * H },
    });
    expect(p.escalation.ladder).toEqual([
      "assignee",
      "owner",
      "dept-manager",
      "team-channel",
      "gm",
    ]);
    expect(p.contactAttempts).toEqual({ maxFailed: 3, window: { iso: "PT24H", ms: 24 * H } });
    expect(p.major).toEqual({
      sameIssueCount: 3,
      sameIssueWindow: { iso: "P7D", ms: 7 * D },
      notify: ["gm", "vp"],
      managementChannel: "management",
    });
    expect(p.compensation).toEqual({
      capMultipleOfLoss: 3,
      atFaultMajorMultiple: 2,
      tiers: [
        { upTo: 100000, approver: "dept-manager" },
        { upTo: 150000, approver: "vp" },
        { approver: "gm" },
      ],
      currency: "CNY",
    });
    expect(p.reports).toEqual({ monthlySummaryDueDay: 10, dailyReportAt: "18:00" });
    expect(p.repeat.raiseSeverity).toBe(true);
  });

  it("lists the intake channels and categories, third parties major", () => {
    const p = defaultPolicy();
    expect(p.channels.map((c) => c.id)).toEqual([
      "hotline",
      "sms",
      "email",
      "web",
      "store",
      "wechat",
      "letter",
      "partner",
      "consumer-association",
      "12315",
      "regulator",
      "media",
    ]);
    expect(p.channels.filter((c) => c.major).map((c) => c.id)).toEqual([
      "consumer-association",
      "12315",
      "regulator",
      "media",
    ]);
    expect(p.channels.find((c) => c.id === "partner")?.kind).toBe("transfer");
    expect(p.channels.every((c) => c.labels.en && c.labels["zh-CN"])).toBe(true);
    expect(p.categories.map((c) => c.id)).toEqual([
      "product-quality",
      "service-attitude",
      "billing",
      "mis-selling",
      "delivery",
      "other",
    ]);
  });
});

describe("policySchema", () => {
  it("reads a bare duration as a calendar-clock deadline", () => {
    const p = policySchema.parse({ deadlines: { result: "PT2S", stages: { qa: "P1D" } } });
    expect(p.deadlines.result).toEqual({ after: { iso: "PT2S", ms: 2000 }, clock: "calendar" });
    expect(p.deadlines.stages).toEqual({ qa: { after: { iso: "P1D", ms: D }, clock: "calendar" } });
  });

  it("makes a channel major when it is third party, unless told otherwise", () => {
    const p = policySchema.parse({
      channels: [
        { id: "press", kind: "third-party", labels: label },
        { id: "mall", kind: "third-party", major: false, labels: label },
        { id: "vip", kind: "direct", major: true, labels: label },
        { id: "app", kind: "direct", labels: label },
      ],
    });
    expect(p.channels.map((c) => [c.id, c.major])).toEqual([
      ["press", true],
      ["mall", false],
      ["vip", true],
      ["app", false],
    ]);
  });

  it("keeps an optional department on a category", () => {
    const p = policySchema.parse({
      categories: [{ id: "billing", labels: label, department: "finance" }],
    });
    expect(p.categories[0]?.department).toBe("finance");
  });

  it("sorts reminder fractions", () => {
    expect(policySchema.parse({ reminders: { at: [1, 0.25] } }).reminders.at).toEqual([0.25, 1]);
  });

  it.each([
    [{ timezone: "Mars/Olympus" }, "timezone", /IANA time zone/],
    [{ locale: "fr" }, "locale", /"zh-CN", "en"/],
    [{ numbering: { prefix: "ts" } }, "numbering.prefix", /capital letters/],
    [{ numbering: { prefix: "ABCDEFG" } }, "numbering.prefix", /1 to 6/],
    [
      { channels: [{ id: "Hot Line", kind: "direct", labels: label }] },
      "channels.0.id",
      /lower-case letters, digits and hyphens/,
    ],
    [
      { channels: [{ id: 12315, kind: "direct", labels: label }] },
      "channels.0.id",
      /quote it, e.g. "12315"/,
    ],
    [
      { channels: [{ id: "x", kind: "phone", labels: label }] },
      "channels.0.kind",
      /"direct", "transfer", "third-party"/,
    ],
    [
      {
        channels: [
          { id: "x", kind: "direct", labels: label },
          { id: "x", kind: "direct", labels: label },
        ],
      },
      "channels.1.id",
      /each channel id once; "x" appears again/,
    ],
    [
      {
        categories: [
          { id: "a", labels: label },
          { id: "a", labels: label },
        ],
      },
      "categories.1.id",
      /each category id once/,
    ],
    [{ channels: [] }, "channels", /at least one channel/],
    [
      { calendar: { workingHours: { start: "18:00", end: "09:00" } } },
      "calendar.workingHours.end",
      /after start/,
    ],
    [{ calendar: { workingHours: { start: "9:00" } } }, "calendar.workingHours.start", /HH:MM/],
    [
      { calendar: { extraDaysOff: ["2025-02-30"] } },
      "calendar.extraDaysOff.0",
      /real calendar date/,
    ],
    [
      { calendar: { extraDaysOff: ["2025-10-08"], extraWorkingDays: ["2025-10-08"] } },
      "calendar.extraWorkingDays.0",
      /not also listed in extraDaysOff/,
    ],
    [{ deadlines: { result: "P1M" } }, "deadlines.result.after", /use days/],
    [{ deadlines: { result: "PT0S" } }, "deadlines.result.after", /longer than zero/],
    [
      { deadlines: { result: { after: "P1D", clock: "wall" } } },
      "deadlines.result.clock",
      /"working", "calendar"/,
    ],
    [{ deadlines: { result: 3 } }, "deadlines.result", /ISO-8601 duration .* or \{ after/],
    [{ reminders: { at: [0, 0.5] } }, "reminders.at.0", /\(0, 1\]/],
    [{ reminders: { at: [0.5, 1.5] } }, "reminders.at.1", /\(0, 1\]/],
    [{ reminders: { at: [0.5, 0.5] } }, "reminders.at.1", /once/],
    [
      { escalation: { ladder: ["assignee", "ceo"] } },
      "escalation.ladder.1",
      /"team-channel", "gm"/,
    ],
    [{ escalation: { ladder: [] } }, "escalation.ladder", /at least one/],
    [{ limits: { listPageSize: 0 } }, "limits.listPageSize", /at least 1/],
    [{ limits: { contentMaxChars: 10.5 } }, "limits.contentMaxChars", /whole number/],
    [{ major: { sameIssueCount: 1 } }, "major.sameIssueCount", /at least 2/],
    [{ major: { notify: ["ceo"] } }, "major.notify.0", /"dept-manager", "vp", "gm"/],
    [
      {
        compensation: {
          tiers: [
            { upTo: 150000, approver: "vp" },
            { upTo: 100000, approver: "gm" },
            { approver: "gm" },
          ],
        },
      },
      "compensation.tiers.1.upTo",
      /ascending order: upTo greater than 150000/,
    ],
    [
      {
        compensation: {
          tiers: [
            { upTo: 100, approver: "vp" },
            { upTo: 200, approver: "gm" },
          ],
        },
      },
      "compensation.tiers.1.upTo",
      /no upTo on the last tier/,
    ],
    [
      { compensation: { tiers: [{ approver: "vp" }, { approver: "gm" }] } },
      "compensation.tiers.0.upTo",
      /upTo amount on every tier but the last/,
    ],
    [{ compensation: { tiers: [] } }, "compensation.tiers", /at least one approval tier/],
    [
      { compensation: { atFaultMajorMultiple: 4 } },
      "compensation.atFaultMajorMultiple",
      /at most capMultipleOfLoss/,
    ],
    [{ compensation: { currency: "yuan" } }, "compensation.currency", /ISO-4217/],
    [{ reports: { monthlySummaryDueDay: 31 } }, "reports.monthlySummaryDueDay", /at most 28/],
    [{ reports: { dailyReportAt: "6pm" } }, "reports.dailyReportAt", /HH:MM/],
    [{ repeat: { raiseSeverity: "yes" } }, "repeat.raiseSeverity", /true or false/],
  ])("rejects %j at %s", (input, path, message) => {
    const found = issues(input);
    expect(found.map((i) => i.path)).toContain(path);
    const issue = found.find((i) => i.path === path);
    expect(issue?.message).toMatch(/^expected /);
    expect(issue?.message).toMatch(message);
  });

  it("rejects unknown keys at every level", () => {
    const result = policySchema.safeParse({
      timezon: "UTC",
      deadlines: { firstReply: { direct: { after: "P1D", clok: "x" } } },
    });
    expect(
      result.error?.issues
        .filter((i) => i.code === "unrecognized_keys")
        .map((i) => i.path.join(".")),
    ).toEqual(["deadlines.firstReply.direct", ""]);
  });
});
