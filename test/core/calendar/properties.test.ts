import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { chineseDaysHolidays } from "../../../src/calendar/chinese-days.ts";
import type { BusinessCalendar } from "../../../src/core/calendar/business-calendar.ts";
import { remainingTime, resumeDeadline } from "../../../src/core/calendar/pause.ts";
import { nextDeliveryTime } from "../../../src/core/calendar/quiet-hours.ts";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../../src/core/policy/duration.ts";
import type { Deadline } from "../../../src/core/policy/schema.ts";
import { at, calendar } from "./helpers.ts";

/** Bounded: each property a few hundred runs; the whole file well under a few seconds. */
const runs = { numRuns: 200 };

interface Setup {
  name: string;
  cal: BusinessCalendar;
  from: Date;
  to: Date;
  /** Length of every working day, where all days are equally long. */
  dayMs?: number;
}

const setups: Setup[] = [
  {
    // Real holiday data: Golden Weeks and Spring Festivals of 2024-2026 are in range.
    name: "Asia/Shanghai 09:00-18:00 with chinese-days",
    cal: calendar(chineseDaysHolidays(), { extraDaysOff: ["2025-06-06"] }),
    from: at("2024-01-01 00:00"),
    to: at("2026-12-15 00:00"),
    dayMs: 9 * HOUR_MS,
  },
  {
    // Short night hours across DST changes (days of 2, 3 or 4 hours), no holiday data.
    name: "Europe/Berlin 01:00-04:00, weekdays only",
    cal: calendar(
      { name: "none", isWorkingDay: () => undefined, coveredYears: () => [] },
      { workingHours: { start: "01:00", end: "04:00" }, extraWorkingDays: ["2026-03-29"] },
      "Europe/Berlin",
    ),
    from: new Date("2025-10-01T00:00:00Z"),
    to: new Date("2026-11-15T00:00:00Z"),
  },
];

const instant = (s: Setup) =>
  fc.integer({ min: s.from.getTime(), max: s.to.getTime() }).map((ms) => new Date(ms));
/** Up to about 40 working days of working time, to the millisecond. */
const span = fc.integer({ min: 0, max: 40 * 9 * HOUR_MS });
const workingDeadline = fc
  .oneof(
    fc.integer({ min: 1, max: 20 }).map((d) => d * DAY_MS),
    fc.integer({ min: 1, max: 72 * 60 }).map((m) => m * MINUTE_MS),
    fc.integer({ min: 1, max: 3 * DAY_MS }),
  )
  .map((ms): Deadline => ({ after: { iso: `PT${ms / 1000}S`, ms }, clock: "working" }));

/** Inside working time, or the close of a working day (the instant after its last working millisecond). */
function inOrClosingWorkingTime(cal: BusinessCalendar, t: Date): boolean {
  return cal.isWorkingTime(t) || cal.isWorkingTime(new Date(t.getTime() - 1));
}

describe.each(setups)("business calendar properties: $name", (s) => {
  const { cal } = s;

  it("addWorkingTime is monotonic in the start", () => {
    fc.assert(
      fc.property(instant(s), instant(s), span, (a, b, d) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(cal.addWorkingTime(early, d).getTime()).toBeLessThanOrEqual(
          cal.addWorkingTime(late, d).getTime(),
        );
      }),
      runs,
    );
  });

  it("addWorkingTime is monotonic in the duration", () => {
    fc.assert(
      fc.property(instant(s), span, span, (t, x, y) => {
        const [small, large] = x <= y ? [x, y] : [y, x];
        expect(cal.addWorkingTime(t, small).getTime()).toBeLessThanOrEqual(
          cal.addWorkingTime(t, large).getTime(),
        );
      }),
      runs,
    );
  });

  it("workingTimeBetween(start, addWorkingTime(start, d)) === d, forwards and backwards", () => {
    fc.assert(
      fc.property(instant(s), span, fc.boolean(), (t, d, back) => {
        const signed = back ? 0 - d : d;
        expect(cal.workingTimeBetween(t, cal.addWorkingTime(t, signed))).toBe(signed);
      }),
      runs,
    );
  });

  it("workingTimeBetween is additive and antisymmetric", () => {
    fc.assert(
      fc.property(instant(s), instant(s), instant(s), (a, b, c) => {
        const ab = cal.workingTimeBetween(a, b);
        expect(ab + cal.workingTimeBetween(b, c)).toBe(cal.workingTimeBetween(a, c));
        expect(cal.workingTimeBetween(b, a)).toBe(0 - ab);
      }),
      runs,
    );
  });

  it("a working-clock deadline lands inside working time or at a close of business", () => {
    fc.assert(
      fc.property(instant(s), workingDeadline, (t, d) => {
        const due = cal.deadline(t, d);
        expect(due.getTime()).toBeGreaterThan(t.getTime());
        expect(inOrClosingWorkingTime(cal, due)).toBe(true);
      }),
      runs,
    );
  });

  it("a working-clock deadline is monotonic in the start", () => {
    fc.assert(
      fc.property(instant(s), instant(s), workingDeadline, (a, b, d) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(cal.deadline(early, d).getTime()).toBeLessThanOrEqual(
          cal.deadline(late, d).getTime(),
        );
      }),
      runs,
    );
  });

  it("N working days is N full working days of working time", () => {
    fc.assert(
      fc.property(instant(s), fc.integer({ min: 1, max: 15 }), (t, n) => {
        const due = cal.addWorkingDays(t, n);
        if (s.dayMs !== undefined) {
          expect(due.getTime()).toBe(cal.addWorkingTime(t, n * s.dayMs).getTime());
        }
        expect(inOrClosingWorkingTime(cal, due)).toBe(true);
      }),
      runs,
    );
  });

  it("nextWorkingTime is the first working instant, with no working time skipped", () => {
    fc.assert(
      fc.property(instant(s), (t) => {
        const next = cal.nextWorkingTime(t);
        expect(next.getTime()).toBeGreaterThanOrEqual(t.getTime());
        expect(cal.isWorkingTime(next)).toBe(true);
        expect(cal.workingTimeBetween(t, next)).toBe(0);
        if (cal.isWorkingTime(t)) expect(next.getTime()).toBe(t.getTime());
      }),
      runs,
    );
  });

  it("pause and resume keep the working time that was left", () => {
    fc.assert(
      fc.property(
        instant(s),
        workingDeadline,
        fc.integer({ min: 0, max: 30 * DAY_MS }),
        fc.integer({ min: 0, max: 30 * DAY_MS }),
        (start, d, pauseAfter, pausedFor) => {
          const due = cal.deadline(start, d);
          const pausedAt = new Date(start.getTime() + pauseAfter);
          const resumedAt = new Date(pausedAt.getTime() + pausedFor);
          const left = remainingTime(cal, due, pausedAt, "working");
          const newDue = resumeDeadline(cal, left, resumedAt, "working");
          expect(cal.workingTimeBetween(resumedAt, newDue)).toBe(left);
          // The due instant moves by exactly the working time spent paused.
          expect(cal.workingTimeBetween(due, newDue)).toBe(
            cal.workingTimeBetween(pausedAt, resumedAt),
          );
          if (left > 0 && cal.workingTimeBetween(pausedAt, resumedAt) === 0) {
            expect(newDue.getTime()).toBe(due.getTime());
          }
        },
      ),
      runs,
    );
  });

  it("non-urgent nudges go out in working time, urgent ones at once", () => {
    fc.assert(
      fc.property(instant(s), (t) => {
        expect(cal.isWorkingTime(nextDeliveryTime(cal, t, false))).toBe(true);
        expect(nextDeliveryTime(cal, t, true).getTime()).toBe(t.getTime());
      }),
      runs,
    );
  });
});
