import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigError } from "../../src/config/errors.ts";
import {
  DEFAULT_POLICY_FILE,
  loadPolicy,
  parsePolicy,
  suggest,
} from "../../src/config/policy-file.ts";
import { defaultPolicy } from "../../src/core/policy/schema.ts";

const DEFAULT_TEXT = readFileSync(DEFAULT_POLICY_FILE, "utf8");
const LABEL = "policy.default.yaml";

function problems(text: string, label = LABEL): ConfigError {
  try {
    parsePolicy(text, label);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected the policy to be rejected");
}

/** The default file with one line replaced: realistic context for line numbers and neighbours. */
function edited(search: string, replacement: string): string {
  expect(DEFAULT_TEXT).toContain(search);
  return DEFAULT_TEXT.replace(search, replacement);
}

/** Key paths of a value, with Durations ({iso, ms}) as leaves since YAML writes them as strings. */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [prefix];
  if ("iso" in value && "ms" in value) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

describe("policy.default.yaml", () => {
  it("parses to exactly defaultPolicy()", () => {
    expect(loadPolicy()).toEqual(defaultPolicy());
    expect(loadPolicy(DEFAULT_POLICY_FILE)).toEqual(defaultPolicy());
  });

  it("spells out every key, none left to the schema's defaults", () => {
    const raw: unknown = parse(DEFAULT_TEXT);
    const rawPaths = new Set(keyPaths(raw));
    for (const path of keyPaths(defaultPolicy())) {
      // Deadlines are written { after, clock }; the Duration under `after` is a leaf either way.
      expect(rawPaths, path).toContain(path);
    }
  });

  it("cites the seed documents for the rules", () => {
    for (const cite of ["# 001, 002: first reply", "# 000:", "# 002:", "# 004:"]) {
      expect(DEFAULT_TEXT).toContain(cite);
    }
  });

  it("includes a commented demo policy with a 24x7 calendar and PT2S deadlines that is valid", () => {
    const start = DEFAULT_TEXT.indexOf("# --- demo policy ---\n");
    const end = DEFAULT_TEXT.indexOf("# --- end of demo policy ---");
    expect(start).toBeGreaterThan(0);
    const demo = DEFAULT_TEXT.slice(start, end)
      .split("\n")
      .slice(1)
      .map((line) => line.replace(/^# ?/, ""))
      .join("\n");
    const policy = parsePolicy(demo, "demo.yaml");
    expect(policy.calendar.mode).toBe("24x7");
    expect(policy.deadlines.firstReply.direct).toEqual({
      after: { iso: "PT2S", ms: 2000 },
      clock: "calendar",
    });
    expect(policy.deadlines.stages.market?.after.ms).toBe(2000);
    expect(policy.channels).toEqual(defaultPolicy().channels);
  });
});

describe("loadPolicy errors", () => {
  it("names the key path, the bad value and what is expected", () => {
    const error = problems(
      edited(
        "direct: { after: PT48H, clock: calendar }",
        'direct: { after: "48 hours", clock: calendar }',
      ),
    );
    expect(error.code).toBe("E_CONFIG");
    expect(error.message).toContain(
      'policy.default.yaml: deadlines.firstReply.direct.after = "48 hours": expected an ISO-8601 duration such as PT48H or P3D',
    );
    expect(error.problems).toHaveLength(1);
  });

  it("points at the line and column", () => {
    const text = edited("  listPageSize: 20", "  listPageSize: -5");
    const line = text.split("\n").findIndex((l) => l.includes("listPageSize: -5")) + 1;
    expect(problems(text).message).toContain(
      `limits.listPageSize = -5: expected a page size of at least 1 (line ${line}, column 3)`,
    );
  });

  it.each([
    [
      "timezone: Asia/Shanghai",
      "timezone: Asia/Shanghia",
      'timezone = "Asia/Shanghia": expected an IANA time zone',
    ],
    ["locale: en", "locale: fr", 'locale = "fr": expected one of "zh-CN", "en"'],
    [
      "  prefix: TS",
      "  prefix: ts-",
      'numbering.prefix = "ts-": expected 1 to 6 capital letters A-Z',
    ],
    [
      '  - id: "12315"',
      "  - id: 12315",
      'channels[9].id = 12315: expected a channel id as text: quote it, e.g. "12315"',
    ],
    ["  - id: sms", "  - id: hotline", 'channels[1].id = "hotline": expected each channel id once'],
    [
      "    kind: transfer",
      "    kind: forwarded",
      'channels[7].kind = "forwarded": expected one of "direct", "transfer", "third-party"',
    ],
    [
      "  - id: delivery",
      "  - id: other",
      'categories[5].id = "other": expected each category id once',
    ],
    [
      "  callbackRequired: true",
      "  callbackRequired: yes",
      'lifecycle.callbackRequired = "yes": expected true or false',
    ],
    [
      '    end: "18:00"',
      '    end: "08:00"',
      'calendar.workingHours.end = "08:00": expected a time after start (09:00)',
    ],
    [
      "  extraDaysOff: []",
      "  extraDaysOff: [2025-13-01]",
      'calendar.extraDaysOff[0] = "2025-13-01": expected a real calendar date',
    ],
    [
      "  mode: working",
      "  mode: always",
      'calendar.mode = "always": expected one of "working", "24x7"',
    ],
    [
      "transfer: { after: PT24H, clock: calendar }",
      "transfer: { after: P1M, clock: calendar }",
      'deadlines.firstReply.transfer.after = "P1M": expected an ISO-8601 duration such as PT48H or P3D; months have no fixed length, use days instead',
    ],
    [
      "result: { after: P3D, clock: working }",
      "result: { after: P3D, clock: business }",
      'deadlines.result.clock = "business": expected one of "working", "calendar"',
    ],
    [
      "    market: { after: P7D, clock: calendar }",
      "    market: 7 days",
      'deadlines.stages.market = "7 days": expected an ISO-8601 duration',
    ],
    [
      "    market: { after: P7D, clock: calendar }",
      "    Market: P7D",
      'deadlines.stages.Market: the key "Market" is not allowed: expected a stage id: lower-case letters',
    ],
    [
      "crossDepartmentReply: { after: PT24H, clock: calendar }",
      "crossDepartmentReply: [PT24H]",
      'deadlines.crossDepartmentReply = ["PT24H"]: expected an ISO-8601 duration such as PT48H or P3D, or { after: <duration>, clock: working | calendar }',
    ],
    [
      "  close:\n    domestic:",
      "  close:\n    domestik:",
      'deadlines.close.domestik: unknown key; did you mean "domestic"?',
    ],
    [
      "  at: [0.5, 0.8, 1]",
      "  at: [0.5, 80, 1]",
      "reminders.at[1] = 80: expected a fraction of the deadline in (0, 1]",
    ],
    [
      "  overdueEvery: PT4H",
      "  overdueEvery: PT0S",
      'reminders.overdueEvery = "PT0S": expected a duration longer than zero',
    ],
    [
      "  ladder: [assignee, owner, dept-manager, team-channel, gm]",
      "  ladder: [assignee, boss]",
      'escalation.ladder[1] = "boss": expected one of',
    ],
    [
      "  maxFailed: 3",
      "  maxFailed: 2.5",
      "contactAttempts.maxFailed = 2.5: expected a number of attempts (a whole number)",
    ],
    [
      "  notify: [gm, vp]",
      "  notify: [gm, ceo]",
      'major.notify[1] = "ceo": expected one of "dept-manager", "vp", "gm"',
    ],
    [
      "    - { upTo: 150000, approver: vp }",
      "    - { upTo: 50000, approver: vp }",
      "compensation.tiers[1].upTo = 50000: expected tiers in ascending order: upTo greater than 100000",
    ],
    [
      "    - { approver: gm }",
      "    - { upTo: 200000, approver: gm }",
      "compensation.tiers[2].upTo = 200000: expected no upTo on the last tier",
    ],
    [
      "    - { upTo: 150000, approver: vp }",
      "    - { approver: vp }",
      "compensation.tiers[1].upTo is missing: expected an upTo amount on every tier but the last",
    ],
    [
      "  currency: CNY",
      "  currency: RMB¥",
      'compensation.currency = "RMB¥": expected an ISO-4217 currency code',
    ],
    [
      "  monthlySummaryDueDay: 10",
      "  monthlySummaryDueDay: 31",
      "reports.monthlySummaryDueDay = 31: expected a day of the month of at most 28",
    ],
    [
      '  dailyReportAt: "18:00"',
      "  dailyReportAt: 18",
      "reports.dailyReportAt = 18: expected a time of day",
    ],
  ])("%s → %s", (search, replacement, expected) => {
    expect(problems(edited(search, replacement)).message).toContain(`${LABEL}: ${expected}`);
  });

  it("lists every problem, not just the first", () => {
    const text = edited("locale: en", "locale: fr").replace(
      "  listPageSize: 20",
      "  listPageSize: 0",
    );
    const error = problems(text.replace("timezone: Asia/Shanghai", "timezone: Nowhere"));
    expect(error.problems).toHaveLength(3);
    expect(error.message.split("\n")[0]).toBe("policy.default.yaml: 3 problems in the policy:");
    for (const key of ["timezone", "locale", "limits.listPageSize"]) {
      expect(error.message).toContain(`policy.default.yaml: ${key} = `);
    }
  });

  it("rejects unknown keys with a did-you-mean suggestion", () => {
    const text = edited("  firstReply:\n", "  firstReplly:\n    direct: P1D\n  firstReply:\n")
      .replace("result: { after: P3D, clock: working }", "result: { after: P3D, clok: working }")
      .replace("timezone: Asia/Shanghai", "timezone: Asia/Shanghai\ntimeZone: UTC")
      .replace("  - id: hotline\n", "  - id: hotline\n    majr: true\n");
    const message = problems(text).message;
    expect(message).toContain(
      'policy.default.yaml: deadlines.firstReplly: unknown key; did you mean "firstReply"?',
    );
    expect(message).toContain(
      'policy.default.yaml: deadlines.result.clok: unknown key; did you mean "clock"?',
    );
    expect(message).toContain(
      'policy.default.yaml: timeZone: unknown key; did you mean "timezone"?',
    );
    expect(message).toContain(
      'policy.default.yaml: channels[0].majr: unknown key; did you mean "major"?',
    );
  });

  it("lists the allowed keys when nothing is close", () => {
    expect(problems("limits:\n  zebra: 1\n").message).toBe(
      "policy.default.yaml: limits.zebra: unknown key; expected one of contentMaxChars, nameMaxChars, noteMaxChars, reasonMaxChars, listPageSize (line 2, column 3)",
    );
  });

  it("reports YAML syntax errors with line and column", () => {
    const message = problems("limits:\n  listPageSize: [1, 2\nlocale: en\n").message;
    expect(message).toMatch(/^policy.default.yaml: YAML syntax error: .* at line \d+, column \d+/);
    expect(problems("locale: en\nlocale: zh-CN\n").message).toMatch(
      /Map keys must be unique at line 2, column 1/,
    );
  });

  it("takes an empty file as all defaults and refuses a non-mapping", () => {
    expect(parsePolicy("", "empty.yaml")).toEqual(defaultPolicy());
    expect(parsePolicy("# nothing here\n", "empty.yaml")).toEqual(defaultPolicy());
    expect(problems("- 1\n- 2\n", "list.yaml").message).toBe(
      "list.yaml: top level = [1,2]: expected a mapping of policy keys (timezone, deadlines, …)",
    );
  });
});

describe("loadPolicy from disk", () => {
  const dir = mkdtempSync(join(tmpdir(), "policy-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a partial policy, the rest defaults", () => {
    const file = join(dir, "demo.yaml");
    writeFileSync(file, "calendar:\n  mode: 24x7\ndeadlines:\n  result: PT2S\n");
    const policy = loadPolicy(file);
    expect(policy.calendar.mode).toBe("24x7");
    expect(policy.deadlines.result).toEqual({
      after: { iso: "PT2S", ms: 2000 },
      clock: "calendar",
    });
    expect(policy.compensation).toEqual(defaultPolicy().compensation);
  });

  it("names the file in messages", () => {
    const file = join(dir, "bad.yaml");
    writeFileSync(file, "locale: de\n");
    expect(() => loadPolicy(file)).toThrow(
      `${file}: locale = "de": expected one of "zh-CN", "en" (line 1, column 1)`,
    );
  });

  it("says so when the file cannot be read", () => {
    const file = join(dir, "missing.yaml");
    expect(() => loadPolicy(file)).toThrow(ConfigError);
    expect(() => loadPolicy(file)).toThrow(/cannot read the policy file \(ENOENT\).*POLICY_FILE/);
  });
});

describe("suggest", () => {
  it("finds near misses, swaps and case slips, but not unrelated words", () => {
    const keys = ["firstReply", "crossDepartmentReply", "result", "close", "stages"];
    expect(suggest("firstRpely", keys)).toBe("firstReply");
    expect(suggest("Result", keys)).toBe("result");
    expect(suggest("stage", keys)).toBe("stages");
    expect(suggest("deadline", keys)).toBeUndefined();
  });
});
