import { describe, expect, it } from "vitest";

import { chineseDaysHolidays } from "../../../src/calendar/chinese-days.ts";
import { BusinessCalendar } from "../../../src/core/calendar/business-calendar.ts";
import type { HolidayCalendar } from "../../../src/core/calendar/holidays.ts";
import { isComplaintError } from "../../../src/core/errors.ts";
import { HOUR_MS, MINUTE_MS } from "../../../src/core/policy/duration.ts";
import { defaultPolicy } from "../../../src/core/policy/schema.ts";
import { at, calendar, deadline, wall } from "./helpers.ts";

const china = chineseDaysHolidays();
const cal = calendar(china);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return isComplaintError(error) ? error.code : `not a ComplaintError: ${String(error)}`;
  }
  return "no error";
}

describe("working days: mainland-China holidays and make-up days (调休)", () => {
  it.each([
    // Golden Week: 2024 Oct 1-7 off, Sun 9-29 and Sat 10-12 worked
    ["2024-09-29", true],
    ["2024-10-01", false],
    ["2024-10-07", false],
    ["2024-10-08", true],
    ["2024-10-12", true],
    ["2024-10-13", false],
    // 2025 Oct 1-8 off (National Day with Mid-Autumn), Sun 9-28 and Sat 10-11 worked
    ["2025-09-28", true],
    ["2025-10-08", false],
    ["2025-10-09", true],
    ["2025-10-11", true],
    // 2026 Oct 1-7 off, Sun 9-20 and Sat 10-10 worked
    ["2026-09-20", true],
    ["2026-10-01", false],
    ["2026-10-07", false],
    ["2026-10-08", true],
    ["2026-10-10", true],
    // Spring Festival 2024: Feb 10-17 off, Sun 2-4 and Sun 2-18 worked
    ["2024-02-04", true],
    ["2024-02-10", false],
    ["2024-02-17", false],
    ["2024-02-18", true],
    // 2025: Jan 28 - Feb 4 off, Sun 1-26 and Sat 2-8 worked
    ["2025-01-26", true],
    ["2025-01-28", false],
    ["2025-02-04", false],
    ["2025-02-08", true],
    // 2026: Feb 15-23 off, Sat 2-14 and Sat 2-28 worked
    ["2026-02-14", true],
    ["2026-02-16", false],
    ["2026-02-23", false],
    ["2026-02-24", true],
    ["2026-02-28", true],
    // ordinary weeks
    ["2026-11-20", true],
    ["2026-11-21", false],
    ["2026-11-22", false],
  ])("%s working: %s", (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it("refuses a malformed date", () => {
    expect(codeOf(() => cal.isWorkingDay("2026-02-30"))).toBe("E_VALIDATION");
  });
});

describe("isWorkingTime and nextWorkingTime", () => {
  it.each([
    ["2026-11-20 09:00", true],
    ["2026-11-20 17:59:59", true],
    ["2026-11-20 18:00", false], // working hours are [start, end)
    ["2026-11-20 08:59:59", false],
    ["2026-11-21 10:00", false], // Saturday
    ["2026-10-10 10:00", true], // make-up Saturday
    ["2026-10-02 10:00", false], // Golden Week
  ])("%s is working time: %s", (time, working) => {
    expect(cal.isWorkingTime(at(time))).toBe(working);
  });

  it.each([
    ["2026-11-20 10:30", "2026-11-20 10:30"],
    ["2026-11-20 18:00", "2026-11-23 09:00"],
    ["2026-11-24 03:00", "2026-11-24 09:00"],
    ["2026-09-30 18:30", "2026-10-08 09:00"],
    ["2026-02-13 19:00", "2026-02-14 09:00"], // make-up Saturday before Spring Festival
    ["2026-02-14 18:00", "2026-02-24 09:00"],
  ])("after %s the next working time is %s", (time, next) => {
    expect(wall(cal.nextWorkingTime(at(time)))).toBe(next);
  });

  it("keeps seconds and milliseconds of an instant inside working time", () => {
    const t = new Date(at("2026-11-20 10:30").getTime() + 12_345);
    expect(cal.nextWorkingTime(t).getTime()).toBe(t.getTime());
  });
});

describe("addWorkingTime and workingTimeBetween", () => {
  it("counts only working hours on working days", () => {
    expect(wall(cal.addWorkingTime(at("2026-11-20 16:00"), 4 * HOUR_MS))).toBe("2026-11-23 11:00");
    expect(cal.workingTimeBetween(at("2026-11-20 15:00"), at("2026-11-23 10:00"))).toBe(
      4 * HOUR_MS,
    );
  });

  it("ends at close of business rather than the next opening when time runs out exactly", () => {
    expect(wall(cal.addWorkingTime(at("2026-11-20 15:00"), 3 * HOUR_MS))).toBe("2026-11-20 18:00");
  });

  it("goes back in working time for a negative span", () => {
    expect(wall(cal.addWorkingTime(at("2026-11-23 10:00"), -HOUR_MS))).toBe("2026-11-23 09:00");
    expect(wall(cal.addWorkingTime(at("2026-11-23 10:00"), -2 * HOUR_MS))).toBe("2026-11-20 17:00");
  });

  it("skips Golden Week and counts the make-up Saturday", () => {
    const from = at("2026-09-30 09:00");
    expect(cal.workingTimeBetween(from, at("2026-10-10 18:00"))).toBe(4 * 9 * HOUR_MS);
    expect(cal.workingTimeBetween(at("2026-10-01 00:00"), at("2026-10-07 23:59"))).toBe(0);
  });

  it("is negative when the second instant is earlier", () => {
    expect(cal.workingTimeBetween(at("2026-11-23 10:00"), at("2026-11-20 15:00"))).toBe(
      -4 * HOUR_MS,
    );
  });
});

describe("deadline", () => {
  const policy = defaultPolicy();

  it.each([
    // the rule's own example: Fri 15:00 + 3 working days = Wed 15:00
    ["2026-11-20 15:00", "2026-11-25 15:00"],
    // counting starts at the next working hour: Mon, Tue, Wed in full
    ["2026-11-22 14:00", "2026-11-25 18:00"], // Sunday
    ["2026-11-24 03:00", "2026-11-26 18:00"], // 03:00 on a Tuesday
    ["2026-11-20 09:00", "2026-11-24 18:00"], // Fri, Mon, Tue in full
    ["2026-11-20 18:00", "2026-11-25 18:00"], // after closing: Mon, Tue, Wed
    // Golden Week: Oct 8, Oct 9 and the make-up Saturday Oct 10
    ["2026-09-30 16:00", "2026-10-10 16:00"],
    ["2024-09-30 16:00", "2024-10-10 16:00"],
    ["2025-09-30 16:00", "2025-10-11 16:00"], // 2025: Oct 9, 10, make-up Sat 11
    // Spring Festival: make-up Sat Feb 14, then Feb 24, 25
    ["2026-02-13 10:00", "2026-02-25 10:00"],
    ["2025-01-27 17:00", "2025-02-07 17:00"],
    ["2024-02-08 11:00", "2024-02-19 11:00"], // Feb 9, make-up Sun Feb 18, Feb 19
  ])("3 working days from %s: %s", (received, due) => {
    expect(wall(cal.deadline(at(received), policy.deadlines.result))).toBe(due);
  });

  it("counts hours on a working clock as working hours", () => {
    expect(wall(cal.deadline(at("2026-11-20 16:00"), deadline("PT4H")))).toBe("2026-11-23 11:00");
    expect(wall(cal.deadline(at("2026-11-21 03:00"), deadline("PT90M")))).toBe("2026-11-23 10:30");
  });

  it("counts whole days first, then the rest in working hours", () => {
    expect(wall(cal.deadline(at("2026-11-20 15:00"), deadline("P1DT4H")))).toBe("2026-11-24 10:00");
  });

  it("ignores the business calendar on a calendar clock", () => {
    const received = at("2026-09-30 16:00");
    expect(wall(cal.deadline(received, deadline("PT48H", "calendar")))).toBe("2026-10-02 16:00");
    expect(wall(cal.deadline(received, policy.deadlines.close.domestic))).toBe("2026-10-13 16:00");
  });

  it("implements the DeadlineCalendar used when a complaint is registered", () => {
    const received = at("2026-11-20 15:00");
    const due = cal.deadline(received, policy.deadlines.result);
    expect(cal.workingTimeBetween(received, due)).toBe(3 * 9 * HOUR_MS);
  });

  it("refuses a negative duration", () => {
    const negative = { after: { iso: "-PT1H", ms: -HOUR_MS }, clock: "working" as const };
    expect(codeOf(() => cal.deadline(at("2026-11-20 15:00"), negative))).toBe("E_VALIDATION");
  });
});

describe("policy days off and working days", () => {
  it("extraDaysOff moves a deadline past a company day off", () => {
    const own = calendar(china, { extraDaysOff: ["2026-11-25"] });
    expect(wall(own.deadline(at("2026-11-20 15:00"), deadline("P3D")))).toBe("2026-11-26 15:00");
  });

  it("wins over the holiday data in both directions", () => {
    const own = calendar(china, {
      extraDaysOff: ["2026-10-10"], // a make-up Saturday
      extraWorkingDays: ["2026-10-03", "2026-11-21"], // a holiday and a plain Saturday
    });
    expect(own.isWorkingDay("2026-10-10")).toBe(false);
    expect(own.isWorkingDay("2026-10-03")).toBe(true);
    expect(own.isWorkingDay("2026-11-21")).toBe(true);
    expect(wall(own.nextWorkingTime(at("2026-10-02 12:00")))).toBe("2026-10-03 09:00");
  });

  it("uses the policy's working hours", () => {
    const own = calendar(china, { workingHours: { start: "08:30", end: "17:30" } });
    expect(own.isWorkingTime(at("2026-11-20 08:45"))).toBe(true);
    expect(own.isWorkingTime(at("2026-11-20 17:45"))).toBe(false);
    expect(wall(own.deadline(at("2026-11-20 17:00"), deadline("PT1H")))).toBe("2026-11-23 09:00");
  });
});

describe("mode 24x7", () => {
  const always = calendar(china, { mode: "24x7" });
  const sunday3am = at("2026-10-04 03:00");

  it("makes every hour, holidays included, working time", () => {
    expect(always.isWorkingTime(sunday3am)).toBe(true);
    expect(always.isWorkingDay("2026-10-01")).toBe(true);
    expect(always.nextWorkingTime(sunday3am).getTime()).toBe(sunday3am.getTime());
  });

  it("is plain addition", () => {
    expect(always.addWorkingTime(sunday3am, 90 * MINUTE_MS).getTime()).toBe(
      sunday3am.getTime() + 90 * MINUTE_MS,
    );
    expect(always.workingTimeBetween(sunday3am, at("2026-10-05 03:00"))).toBe(24 * HOUR_MS);
    expect(wall(always.deadline(sunday3am, deadline("P3D")))).toBe("2026-10-07 03:00");
  });
});

describe("years the holiday data does not cover", () => {
  const only2026: HolidayCalendar = {
    name: "test data",
    isWorkingDay: (date) => (date.startsWith("2026-") ? china.isWorkingDay(date) : undefined),
    coveredYears: () => [{ from: 2026, to: 2026 }],
  };

  it("falls back to Monday-Friday and says so, once per year", () => {
    const seen: number[] = [];
    const own = new BusinessCalendar(defaultPolicy().calendar, "Asia/Shanghai", only2026, {
      onUncoveredYear: (year) => seen.push(year),
    });
    expect(own.isWorkingDay("2027-01-01")).toBe(true); // a Friday; really New Year's Day
    expect(own.isWorkingDay("2027-01-02")).toBe(false);
    expect(own.isWorkingDay("2026-10-01")).toBe(false);
    expect(seen).toEqual([2027]);
    expect(own.uncoveredYearsUsed()).toEqual([2027]);
  });

  it("lets the policy fill in such a year", () => {
    const own = new BusinessCalendar(
      { ...defaultPolicy().calendar, extraDaysOff: ["2027-01-01"] },
      "Asia/Shanghai",
      only2026,
    );
    expect(own.isWorkingDay("2027-01-01")).toBe(false);
    expect(wall(own.deadline(at("2026-12-31 10:00"), deadline("P1D")))).toBe("2027-01-04 10:00");
  });
});

describe("bounded loops on bad input", () => {
  const never: HolidayCalendar = {
    name: "nothing works",
    isWorkingDay: () => false,
    coveredYears: () => [{ from: 1900, to: 2200 }],
  };

  it("gives up with a coded error when no working day comes within a year", () => {
    const broken = calendar(never);
    expect(codeOf(() => broken.nextWorkingTime(at("2026-11-20 10:00")))).toBe("E_VALIDATION");
    expect(codeOf(() => broken.addWorkingTime(at("2026-11-20 10:00"), HOUR_MS))).toBe(
      "E_VALIDATION",
    );
    expect(codeOf(() => broken.deadline(at("2026-11-20 10:00"), deadline("P1D")))).toBe(
      "E_VALIDATION",
    );
  });

  it("refuses spans of more than about ten years", () => {
    const start = at("2026-11-20 10:00");
    expect(codeOf(() => cal.addWorkingTime(start, 20 * 365 * 9 * HOUR_MS))).toBe("E_VALIDATION");
    expect(codeOf(() => cal.addWorkingTime(start, Number.MAX_SAFE_INTEGER))).toBe("E_VALIDATION");
    expect(codeOf(() => cal.workingTimeBetween(start, new Date(8.64e15)))).toBe("E_VALIDATION");
    expect(codeOf(() => cal.addWorkingDays(start, 5000))).toBe("E_VALIDATION");
  });

  it("refuses invalid instants and spans", () => {
    expect(codeOf(() => cal.isWorkingTime(new Date(NaN)))).toBe("E_VALIDATION");
    expect(codeOf(() => cal.addWorkingTime(at("2026-11-20 10:00"), NaN))).toBe("E_VALIDATION");
    expect(codeOf(() => cal.addWorkingDays(at("2026-11-20 10:00"), 1.5))).toBe("E_VALIDATION");
  });

  it("refuses working hours that do not make a day", () => {
    const bad = () => calendar(china, { workingHours: { start: "18:00", end: "09:00" } });
    expect(codeOf(bad)).toBe("E_VALIDATION");
    expect(codeOf(() => calendar(china, {}, "Mars/Olympus"))).toBe("E_VALIDATION");
  });
});

describe("time zones with daylight saving time", () => {
  // Berlin moves its clocks from 02:00 to 03:00 on 2026-03-29, a Sunday: made a working day here.
  const berlin = calendar(
    { name: "none", isWorkingDay: () => undefined, coveredYears: () => [] },
    { workingHours: { start: "01:00", end: "04:00" }, extraWorkingDays: ["2026-03-29"] },
    "Europe/Berlin",
  );
  const inBerlin = (text: string) => at(text, "Europe/Berlin");

  it("measures the short day by the clock, not as three hours", () => {
    const day = berlin.workingTimeBetween(
      inBerlin("2026-03-29 00:00"),
      inBerlin("2026-03-29 23:00"),
    );
    expect(day).toBe(2 * HOUR_MS);
    expect(berlin.isWorkingTime(inBerlin("2026-03-29 03:30"))).toBe(true);
  });

  it("keeps working days at the same wall-clock time across the change", () => {
    const due = berlin.deadline(inBerlin("2026-03-27 02:00"), deadline("P2D"));
    expect(wall(due, "Europe/Berlin")).toBe("2026-03-30 02:00");
  });
});
