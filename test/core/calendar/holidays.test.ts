import { afterEach, describe, expect, it } from "vitest";

import { chineseDaysHolidays, defaultHolidayCalendar } from "../../../src/calendar/chinese-days.ts";
import { describeCoverage } from "../../../src/core/calendar/coverage.ts";
import {
  formatYearRanges,
  layeredHolidays,
  mergeYearRanges,
  tableHolidays,
} from "../../../src/core/calendar/holidays.ts";
import { at, calendar } from "./helpers.ts";

describe("chinese-days adapter", () => {
  const china = chineseDaysHolidays();

  it("covers 2024-2026 and says which years it has, instead of guessing", () => {
    const covered = china.coveredYears();
    expect(covered.some((r) => r.from <= 2024 && r.to >= 2026)).toBe(true);
    expect(china.name).toMatch(/^chinese-days \d+\.\d+\.\d+$/);
    // 1.5.7 has no 2027 arrangement: 2027-02-08 (a Monday in Spring Festival) is unknown, not "working".
    if (!covered.some((r) => r.to >= 2027)) {
      expect(china.isWorkingDay("2027-02-08")).toBeUndefined();
    }
    expect(china.isWorkingDay("2003-10-01")).toBeUndefined();
  });

  it("answers holidays and make-up days", () => {
    expect(china.isWorkingDay("2026-10-01")).toBe(false);
    expect(china.isWorkingDay("2026-10-10")).toBe(true);
    expect(china.isWorkingDay("2026-11-21")).toBe(false);
    expect(china.isWorkingDay("2026-11-23")).toBe(true);
  });

  it("answers undefined for text that is not a date", () => {
    expect(china.isWorkingDay("2026-02-30")).toBeUndefined();
    expect(china.isWorkingDay("yesterday")).toBeUndefined();
  });

  describe("in a process time zone west of UTC", () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    // The package reads "YYYY-MM-DD" as the day before there; the adapter must not.
    it.each(["America/New_York", "Pacific/Honolulu", "Pacific/Kiritimati"])("%s", (tz) => {
      process.env.TZ = tz;
      expect(new Date(2026, 0, 1).getTimezoneOffset()).not.toBe(-480); // TZ really changed
      const there = chineseDaysHolidays();
      expect(there.isWorkingDay("2026-10-10")).toBe(true); // make-up Saturday
      expect(there.isWorkingDay("2026-10-11")).toBe(false); // Sunday
      expect(there.isWorkingDay("2026-10-12")).toBe(true); // Monday
      expect(there.isWorkingDay("2026-10-01")).toBe(false);
      expect(there.coveredYears()).toEqual(china.coveredYears());
    });
  });
});

describe("layered holiday sources", () => {
  const y2026 = tableHolidays({
    name: "a",
    years: { from: 2026, to: 2026 },
    daysOff: ["2026-10-01"],
    workingDays: ["2026-10-10"],
  });
  const y2027 = tableHolidays({
    name: "b",
    years: { from: 2027, to: 2027 },
    daysOff: ["2027-02-08"],
    workingDays: [],
  });
  const y2028 = tableHolidays({
    name: "c",
    years: { from: 2028, to: 2028 },
    daysOff: [],
    workingDays: [],
  });

  it("lets a second source fill the years the first lacks", () => {
    const both = layeredHolidays([y2026, y2027]);
    expect(both.name).toBe("a + b");
    expect(both.isWorkingDay("2026-10-10")).toBe(true);
    expect(both.isWorkingDay("2027-02-08")).toBe(false);
    expect(both.isWorkingDay("2027-02-09")).toBe(true);
    expect(both.isWorkingDay("2029-01-01")).toBeUndefined();
    expect(both.coveredYears()).toEqual([{ from: 2026, to: 2027 }]);
  });

  it("asks the first source first", () => {
    const override = tableHolidays({
      name: "fix",
      years: { from: 2026, to: 2026 },
      daysOff: [],
      workingDays: [],
    });
    expect(layeredHolidays([override, y2026]).isWorkingDay("2026-10-01")).toBe(true);
    expect(layeredHolidays([y2026, override]).isWorkingDay("2026-10-01")).toBe(false);
  });

  it("keeps gaps visible", () => {
    const gappy = layeredHolidays([y2028, y2026]);
    expect(gappy.coveredYears()).toEqual([
      { from: 2026, to: 2026 },
      { from: 2028, to: 2028 },
    ]);
    expect(gappy.isWorkingDay("2027-03-01")).toBeUndefined();
    expect(formatYearRanges(gappy.coveredYears())).toBe("2026, 2028");
    expect(layeredHolidays([]).coveredYears()).toEqual([]);
  });

  it("merges overlapping and touching ranges", () => {
    expect(
      mergeYearRanges([
        { from: 2010, to: 2012 },
        { from: 2004, to: 2009 },
        { from: 2011, to: 2020 },
        { from: 2030, to: 2030 },
      ]),
    ).toEqual([
      { from: 2004, to: 2020 },
      { from: 2030, to: 2030 },
    ]);
  });
});

describe("describeCoverage", () => {
  const now = at("2026-11-23 12:00");

  it("warns about next year when the holiday data stops this year", () => {
    const limited = tableHolidays({
      name: "until 2026",
      years: { from: 2004, to: 2026 },
      daysOff: [],
      workingDays: [],
    });
    const report = describeCoverage(calendar(limited), now);
    expect(report.missingYears).toEqual([2027]);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain("holiday data for 2027 missing");
    expect(report.warnings[0]).toContain("treating Mon-Fri as working days");
    expect(report.summary).toContain("until 2026 covers 2004-2026");
    expect(report.summary).toContain("09:00-18:00 Asia/Shanghai");
  });

  it("is quiet when this year and the next are covered", () => {
    const full = tableHolidays({
      name: "full",
      years: { from: 2020, to: 2030 },
      daysOff: [],
      workingDays: [],
    });
    expect(describeCoverage(calendar(full), now).warnings).toEqual([]);
  });

  it("is quiet in mode 24x7, where holidays do not matter", () => {
    const report = describeCoverage(calendar(layeredHolidays([]), { mode: "24x7" }), now);
    expect(report.warnings).toEqual([]);
    expect(report.summary).toContain("24x7");
  });

  it("reports the app's default holiday data", () => {
    const report = describeCoverage(calendar(defaultHolidayCalendar()), now);
    expect(report.source).toMatch(/^chinese-days /);
    expect(report.missingYears.every((y) => y >= 2027)).toBe(true);
  });
});
