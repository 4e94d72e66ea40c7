import {
  BusinessCalendar,
  type CalendarSettings,
} from "../../../src/core/calendar/business-calendar.ts";
import type { HolidayCalendar } from "../../../src/core/calendar/holidays.ts";
import { parseDuration } from "../../../src/core/policy/duration.ts";
import type { Clock, Deadline } from "../../../src/core/policy/schema.ts";
import { formatWallTime, parseIsoInstant } from "../../../src/core/time/zoned.ts";

export const SHANGHAI = "Asia/Shanghai";

export function settings(overrides: Partial<CalendarSettings> = {}): CalendarSettings {
  return {
    mode: "working",
    workingHours: { start: "09:00", end: "18:00" },
    extraDaysOff: [],
    extraWorkingDays: [],
    ...overrides,
  };
}

export function calendar(
  holidays: HolidayCalendar,
  overrides: Partial<CalendarSettings> = {},
  timeZone = SHANGHAI,
): BusinessCalendar {
  return new BusinessCalendar(settings(overrides), timeZone, holidays);
}

/** `2026-09-30 16:00` read in the zone. */
export function at(text: string, timeZone = SHANGHAI): Date {
  const d = parseIsoInstant(text, timeZone);
  if (!d) throw new Error(`bad test time ${text}`);
  return d;
}

export const wall = (d: Date, timeZone = SHANGHAI) => formatWallTime(d, timeZone);

export const deadline = (iso: string, clock: Clock = "working"): Deadline => ({
  after: parseDuration(iso),
  clock,
});
