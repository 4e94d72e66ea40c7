import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DAY_MS,
  DurationError,
  durationSchema,
  durationToIso,
  formatDuration,
  HOUR_MS,
  MINUTE_MS,
  parseDuration,
  SECOND_MS,
  WEEK_MS,
} from "../../../src/core/policy/duration.ts";

function failure(text: string): DurationError {
  try {
    parseDuration(text);
  } catch (error) {
    if (error instanceof DurationError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe("parseDuration", () => {
  it.each([
    ["P1W", WEEK_MS],
    ["P3D", 3 * DAY_MS],
    ["PT48H", 48 * HOUR_MS],
    ["P1DT12H", DAY_MS + 12 * HOUR_MS],
    ["PT2S", 2 * SECOND_MS],
    ["PT0.5S", 500],
    ["PT90M", 90 * MINUTE_MS],
    ["P1W2DT3H4M5S", WEEK_MS + 2 * DAY_MS + 3 * HOUR_MS + 4 * MINUTE_MS + 5 * SECOND_MS],
    ["P0.5D", 12 * HOUR_MS],
    ["PT0S", 0],
  ])("%s is %i ms", (text, ms) => {
    expect(parseDuration(text)).toEqual({ iso: text, ms });
  });

  it("normalises case, decimal comma, a plus sign and surrounding space in `iso`", () => {
    expect(parseDuration(" pt2s ")).toEqual({ iso: "PT2S", ms: 2000 });
    expect(parseDuration("PT0,5S")).toEqual({ iso: "PT0.5S", ms: 500 });
    expect(parseDuration("+P1D")).toEqual({ iso: "P1D", ms: DAY_MS });
  });

  it("keeps a minus sign: whether negative is meaningful is the caller's choice", () => {
    expect(parseDuration("-PT1H")).toEqual({ iso: "-PT1H", ms: -HOUR_MS });
  });

  it("refuses years and months, telling the author to use days", () => {
    for (const text of ["P1Y", "P1M", "P1Y2M3D", "P2MT1H"]) {
      const error = failure(text);
      expect(error.message).toContain(JSON.stringify(text));
      expect(error.hint).toMatch(/use days/);
    }
    expect(failure("P1M").hint).toContain("PT30M");
  });

  it.each([
    ["", undefined],
    ["P", /at least one component/],
    ["PT", /at least one component/],
    ["P1DT", /T must be followed/],
    ["48", /bare number/],
    ["1D", /start with P/],
    ["P1H", /after a T/],
    ["PT1.5H30M", /only the last/],
    ["P1D2W", undefined],
    ["PT-1H", undefined],
    ["48 hours", undefined],
    ["P1DT1H1H", undefined],
  ])("rejects %j", (text, hint) => {
    const error = failure(text);
    expect(error.message).toMatch(/expected an ISO-8601 duration such as PT48H or P3D/);
    if (hint) expect(error.hint).toMatch(hint);
  });

  it("rejects lengths beyond safe integer milliseconds", () => {
    expect(failure("P99999999999999999D").hint).toMatch(/too long/);
  });
});

describe("durationSchema", () => {
  it("turns a string into a Duration", () => {
    expect(durationSchema().parse("PT2S")).toEqual({ iso: "PT2S", ms: 2000 });
  });

  it("allows zero unless positive is asked for", () => {
    expect(durationSchema().parse("PT0S").ms).toBe(0);
    const result = durationSchema({ positive: true }).safeParse("PT0S");
    expect(result.error?.issues[0]?.message).toBe("expected a duration longer than zero");
  });

  it("refuses negative durations unless allowed", () => {
    expect(durationSchema().safeParse("-PT1H").error?.issues[0]?.message).toMatch(/not negative/);
    expect(durationSchema({ allowNegative: true }).parse("-PT1H").ms).toBe(-HOUR_MS);
  });

  it("words every failure as an expectation, with the hint", () => {
    const messages = (value: unknown) =>
      durationSchema()
        .safeParse(value)
        .error?.issues.map((i) => i.message);
    expect(messages("48 hours")).toEqual(["expected an ISO-8601 duration such as PT48H or P3D"]);
    expect(messages(48)).toEqual(["expected an ISO-8601 duration such as PT48H or P3D"]);
    expect(messages("P1M")?.[0]).toMatch(/^expected an ISO-8601 duration .*months.*use days/);
  });
});

describe("formatDuration", () => {
  it.each([
    [2 * DAY_MS + 3 * HOUR_MS, "2 d 3 h", "2天3小时"],
    [90 * MINUTE_MS, "1 h 30 min", "1小时30分钟"],
    [2 * SECOND_MS, "2 s", "2秒"],
    [500, "500 ms", "500毫秒"],
    [0, "0 s", "0秒"],
    [-HOUR_MS, "-1 h", "-1小时"],
  ])("%i ms", (ms, en, zh) => {
    expect(formatDuration(ms, "en")).toBe(en);
    expect(formatDuration(ms, "zh-CN")).toBe(zh);
  });
});

describe("durationToIso", () => {
  it.each([
    [0, "PT0S"],
    [90 * MINUTE_MS, "PT1H30M"],
    [DAY_MS + 12 * HOUR_MS, "P1DT12H"],
    [WEEK_MS, "P7D"],
    [1500, "PT1.5S"],
    [1, "PT0.001S"],
    [-DAY_MS, "-P1D"],
  ])("%i ms → %s", (ms, iso) => {
    expect(durationToIso(ms)).toBe(iso);
  });
});

describe("round trips (property)", () => {
  const parts = fc.record(
    {
      d: fc.nat({ max: 400 }),
      h: fc.nat({ max: 200 }),
      m: fc.nat({ max: 500 }),
      s: fc.nat({ max: 5000 }),
      frac: fc.nat({ max: 999 }),
    },
    { requiredKeys: [] },
  );

  function iso(p: { d?: number; h?: number; m?: number; s?: number; frac?: number }): string {
    const seconds =
      p.s === undefined
        ? ""
        : p.frac === undefined
          ? `${p.s}S`
          : `${p.s}.${String(p.frac).padStart(3, "0")}S`;
    const time =
      (p.h === undefined ? "" : `${p.h}H`) + (p.m === undefined ? "" : `${p.m}M`) + seconds;
    return `P${p.d === undefined ? "" : `${p.d}D`}${time ? `T${time}` : ""}`;
  }

  it("any D/H/M/S combination parses to the sum of its parts", () => {
    fc.assert(
      fc.property(
        parts.filter(
          (p) => p.d !== undefined || p.h !== undefined || p.m !== undefined || p.s !== undefined,
        ),
        (p) => {
          const expected =
            (p.d ?? 0) * DAY_MS +
            (p.h ?? 0) * HOUR_MS +
            (p.m ?? 0) * MINUTE_MS +
            (p.s ?? 0) * SECOND_MS +
            (p.s === undefined ? 0 : (p.frac ?? 0));
          const text = iso(p);
          expect(parseDuration(text)).toEqual({ iso: text, ms: expected });
        },
      ),
    );
  });

  it("durationToIso and parseDuration are inverse on milliseconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000 * DAY_MS, max: 1000 * DAY_MS }), (ms) => {
        expect(parseDuration(durationToIso(ms)).ms).toBe(ms);
      }),
    );
  });

  it("formatDuration shows every unit, so its text reads back to the same span", () => {
    const units: Record<string, number> = {
      d: DAY_MS,
      h: HOUR_MS,
      min: MINUTE_MS,
      s: SECOND_MS,
      ms: 1,
      天: DAY_MS,
      小时: HOUR_MS,
      分钟: MINUTE_MS,
      秒: SECOND_MS,
      毫秒: 1,
    };
    const readBack = (text: string) =>
      [...text.matchAll(/(\d+)\s*([a-z]+|天|小时|分钟|毫秒|秒)/g)].reduce(
        (sum, [, n, unit]) => sum + Number(n) * (units[unit ?? ""] ?? Number.NaN),
        0,
      );
    fc.assert(
      fc.property(
        fc.nat({ max: 1000 * DAY_MS }),
        fc.constantFrom("en" as const, "zh-CN" as const),
        (ms, locale) => {
          expect(readBack(formatDuration(ms, locale))).toBe(ms);
        },
      ),
    );
  });
});
