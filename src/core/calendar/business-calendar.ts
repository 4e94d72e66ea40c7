import type { DeadlineCalendar } from "../deadlines/deadline.ts";
import { ComplaintError, ErrorCode } from "../errors.ts";
import { DAY_MS } from "../policy/duration.ts";
import { isValidTimeZone, type Deadline, type Policy } from "../policy/schema.ts";
import { fromWallTime, wallTime } from "../time/zoned.ts";
import {
  civilDate,
  dayNumber,
  isoDate,
  isWeekend,
  parseIsoDate,
  type DayNumber,
} from "./civil-date.ts";
import type { HolidayCalendar } from "./holidays.ts";

export type CalendarSettings = Policy["calendar"];

/**
 * Searches give up after this many consecutive days without working time: a
 * calendar like that is misconfigured, and an endless scan would hang the worker.
 */
export const MAX_IDLE_DAYS = 366;
/** No single computation looks further than this many calendar days (about ten years). */
export const MAX_SPAN_DAYS = 3660;

export interface BusinessCalendarOptions {
  /**
   * Called once per year, the first time a day of a year the holiday data does
   * not cover is used (that year falls back to Monday-Friday), so the app can log it.
   */
  onUncoveredYear?: (year: number) => void;
}

/** One working day's working hours as instants: [start, end). */
interface Window {
  start: number;
  end: number;
}

/** Bounded so a long-lived process that touches many dates does not grow forever. */
const WINDOW_CACHE_LIMIT = 20_000;

export function calendarRangeError(message: string): ComplaintError {
  return new ComplaintError(ErrorCode.Validation, message, {
    details: { reason: "calendar_range" },
  });
}

function minutesOf(hhmm: string, what: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!(minutes >= 0 && minutes < 24 * 60)) {
    throw calendarRangeError(`calendar ${what} ${JSON.stringify(hhmm)} is not a time "HH:MM"`);
  }
  return minutes;
}

function millis(instant: Date, what: string): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw calendarRangeError(`${what} is not a valid instant`);
  return ms;
}

/**
 * The company's business calendar: which instants are working time, and
 * arithmetic in working time. A working day is a day the holiday data calls a
 * working day (weekdays, plus make-up weekends, minus public holidays), with
 * the policy's extraDaysOff / extraWorkingDays applied on top; its working
 * time is [workingHours.start, workingHours.end) on the wall clock of the
 * policy's time zone. Mode `24x7` makes every instant working time.
 *
 * Boundaries: working time is half-open, so 18:00 is not working time when
 * the day ends at 18:00. Results of adding working time are the *earliest*
 * instant at which that much working time has passed, so a deadline that runs
 * out at close of business is 18:00, not 09:00 the next working day.
 */
export class BusinessCalendar implements DeadlineCalendar {
  readonly settings: CalendarSettings;
  readonly timeZone: string;
  readonly mode: CalendarSettings["mode"];
  readonly holidays: HolidayCalendar;
  private readonly startMinute: number;
  private readonly endMinute: number;
  private readonly extraDaysOff: ReadonlySet<string>;
  private readonly extraWorkingDays: ReadonlySet<string>;
  private readonly onUncoveredYear: ((year: number) => void) | undefined;
  private readonly windows = new Map<DayNumber, Window | null>();
  private readonly uncovered = new Set<number>();

  constructor(
    settings: CalendarSettings,
    timeZone: string,
    holidays: HolidayCalendar,
    options: BusinessCalendarOptions = {},
  ) {
    if (!isValidTimeZone(timeZone)) {
      throw calendarRangeError(`calendar time zone ${JSON.stringify(timeZone)} is unknown`);
    }
    this.settings = settings;
    this.timeZone = timeZone;
    this.mode = settings.mode;
    this.holidays = holidays;
    this.startMinute = minutesOf(settings.workingHours.start, "workingHours.start");
    this.endMinute = minutesOf(settings.workingHours.end, "workingHours.end");
    if (this.startMinute >= this.endMinute) {
      throw calendarRangeError("calendar working hours must end after they start");
    }
    this.extraDaysOff = new Set(settings.extraDaysOff);
    this.extraWorkingDays = new Set(settings.extraWorkingDays);
    this.onUncoveredYear = options.onUncoveredYear;
  }

  static fromPolicy(
    policy: Pick<Policy, "calendar" | "timezone">,
    holidays: HolidayCalendar,
    options?: BusinessCalendarOptions,
  ): BusinessCalendar {
    return new BusinessCalendar(policy.calendar, policy.timezone, holidays, options);
  }

  /** Years that fell back to Monday-Friday because no holiday data covers them, so far. */
  uncoveredYearsUsed(): number[] {
    return [...this.uncovered].sort((a, b) => a - b);
  }

  /** Whether a date (`YYYY-MM-DD`) is a working day; every day is in mode 24x7. */
  isWorkingDay(date: string): boolean {
    const n = parseIsoDate(date);
    if (n === null) throw calendarRangeError(`${JSON.stringify(date)} is not a date "YYYY-MM-DD"`);
    return this.mode === "24x7" || this.workingDate(n);
  }

  isWorkingTime(instant: Date): boolean {
    const t = millis(instant, "the time");
    if (this.mode === "24x7") return true;
    const w = this.window(this.dayOf(t));
    return w !== null && w.start <= t && t < w.end;
  }

  /** The instant itself when it is working time, else the start of the next working hours. */
  nextWorkingTime(instant: Date): Date {
    const t = millis(instant, "the time");
    if (this.mode === "24x7") return new Date(t);
    let n = this.dayOf(t);
    const w = this.window(n);
    if (w && t < w.end) return new Date(Math.max(t, w.start));
    n = this.nextWorkingDay(n);
    return new Date(this.windowOf(n).start);
  }

  /**
   * `start` plus `ms` of working time: the earliest instant by which that
   * much working time has passed. Negative `ms` goes back: the latest instant
   * that much working time before `start`. Mode 24x7: plain addition.
   */
  addWorkingTime(start: Date, ms: number): Date {
    const t = millis(start, "the start");
    if (!Number.isFinite(ms))
      throw calendarRangeError("a working-time span must be a finite number");
    if (this.mode === "24x7" || ms === 0) return new Date(t + ms);
    return new Date(ms > 0 ? this.forward(t, ms) : this.backward(t, -ms));
  }

  /** Working time from `a` to `b`; negative when `b` is before `a`. Mode 24x7: b - a. */
  workingTimeBetween(a: Date, b: Date): number {
    const from = millis(a, "the first time");
    const to = millis(b, "the second time");
    if (this.mode === "24x7") return to - from;
    // `|| 0` keeps an empty span from coming back as -0.
    if (to < from) return -this.between(to, from) || 0;
    return this.between(from, to);
  }

  /**
   * `days` working days after `start`: the same point of the working day,
   * `days` working days later. A start outside working time first moves to
   * the next opening; a start at an opening ends at the close of the
   * `days`-th working day counting the start day (N full working days).
   * Equal to adding `days` times the working-day length of working time
   * whenever every working day has the same length (no DST change inside).
   */
  addWorkingDays(start: Date, days: number): Date {
    const t = millis(start, "the start");
    if (!Number.isSafeInteger(days) || days < 0) {
      throw calendarRangeError("a number of working days must be a whole number, 0 or more");
    }
    if (days > MAX_SPAN_DAYS) throw this.tooFar(t);
    if (this.mode === "24x7") return new Date(t + days * DAY_MS);
    if (days === 0) return new Date(t);
    const s = this.nextWorkingTime(start).getTime();
    const first = this.dayOf(s);
    const into = s - this.windowOf(first).start;
    let n = first;
    for (let i = into === 0 ? 1 : 0; i < days; i++) {
      n = this.nextWorkingDay(n);
      if (n - first > MAX_SPAN_DAYS) throw this.tooFar(t);
    }
    const w = this.windowOf(n);
    return new Date(into === 0 ? w.end : Math.min(w.start + into, w.end));
  }

  /**
   * When a deadline falls due. Clock `calendar` (and mode 24x7): start plus
   * the duration. Clock `working`: the whole days of the duration are working
   * days (see addWorkingDays) and the rest is working time, so P3D is three
   * working days, PT4H four working hours, P1DT4H one working day then four
   * working hours. Days are whole multiples of 24 h of the duration's length,
   * as everywhere in the policy: PT48H is two working days.
   */
  deadline(start: Date, deadline: Deadline): Date {
    const t = millis(start, "the start");
    const ms = deadline.after.ms;
    if (!Number.isFinite(ms) || ms < 0) {
      throw calendarRangeError(`deadline ${deadline.after.iso} must not be negative`);
    }
    if (deadline.clock === "calendar" || this.mode === "24x7") return new Date(t + ms);
    const days = Math.floor(ms / DAY_MS);
    const rest = ms - days * DAY_MS;
    const afterDays = days > 0 ? this.addWorkingDays(start, days) : start;
    return rest > 0 ? this.addWorkingTime(afterDays, rest) : afterDays;
  }

  // ------------------------------------------------------------ internals

  private forward(t: number, ms: number): number {
    let remaining = ms;
    const first = this.dayOf(t);
    let n = first;
    for (;;) {
      const w = this.window(n);
      if (w) {
        const from = Math.max(t, w.start);
        if (from < w.end) {
          const available = w.end - from;
          if (remaining <= available) return from + remaining;
          remaining -= available;
        }
      }
      n = this.nextWorkingDay(n);
      if (n - first > MAX_SPAN_DAYS) throw this.tooFar(t);
    }
  }

  private backward(t: number, ms: number): number {
    let remaining = ms;
    const first = this.dayOf(t);
    let n = first;
    for (;;) {
      const w = this.window(n);
      if (w) {
        const to = Math.min(t, w.end);
        if (to > w.start) {
          const available = to - w.start;
          if (remaining <= available) return to - remaining;
          remaining -= available;
        }
      }
      n = this.previousWorkingDay(n);
      if (first - n > MAX_SPAN_DAYS) throw this.tooFar(t);
    }
  }

  private between(from: number, to: number): number {
    const first = this.dayOf(from);
    const last = this.dayOf(to);
    if (last - first > MAX_SPAN_DAYS) throw this.tooFar(from);
    let total = 0;
    for (let n = first; n <= last; n++) {
      const w = this.window(n);
      if (w) total += Math.max(0, Math.min(to, w.end) - Math.max(from, w.start));
    }
    return total;
  }

  private nextWorkingDay(after: DayNumber): DayNumber {
    for (let n = after + 1; n <= after + MAX_IDLE_DAYS; n++) {
      if (this.window(n)) return n;
    }
    throw this.noWorkingDay(after);
  }

  private previousWorkingDay(before: DayNumber): DayNumber {
    for (let n = before - 1; n >= before - MAX_IDLE_DAYS; n--) {
      if (this.window(n)) return n;
    }
    throw this.noWorkingDay(before);
  }

  private windowOf(n: DayNumber): Window {
    const w = this.window(n);
    if (!w) throw new Error(`internal: ${isoDate(n)} has no working hours`);
    return w;
  }

  private window(n: DayNumber): Window | null {
    const cached = this.windows.get(n);
    if (cached !== undefined) return cached;
    let w: Window | null = null;
    if (this.workingDate(n)) {
      const start = this.at(n, this.startMinute);
      const end = this.at(n, this.endMinute);
      // A DST jump can swallow short working hours entirely; that day then has none.
      if (end > start) w = { start, end };
    }
    if (this.windows.size >= WINDOW_CACHE_LIMIT) this.windows.clear();
    this.windows.set(n, w);
    return w;
  }

  private workingDate(n: DayNumber): boolean {
    const date = isoDate(n);
    // The company's own days always win over the official calendar.
    if (this.extraWorkingDays.has(date)) return true;
    if (this.extraDaysOff.has(date)) return false;
    const official = this.holidays.isWorkingDay(date);
    if (official !== undefined) return official;
    const year = civilDate(n).year;
    if (!this.uncovered.has(year)) {
      this.uncovered.add(year);
      this.onUncoveredYear?.(year);
    }
    return !isWeekend(n);
  }

  private at(n: DayNumber, minuteOfDay: number): number {
    const date = civilDate(n);
    const hour = Math.floor(minuteOfDay / 60);
    const minute = minuteOfDay % 60;
    return fromWallTime({ ...date, hour, minute, second: 0 }, this.timeZone).getTime();
  }

  private dayOf(t: number): DayNumber {
    return dayNumber(wallTime(new Date(t), this.timeZone));
  }

  private tooFar(t: number): ComplaintError {
    const from = isoDate(this.dayOf(t));
    return calendarRangeError(
      `working-time arithmetic from ${from} reaches more than ${MAX_SPAN_DAYS} days away`,
    );
  }

  private noWorkingDay(n: DayNumber): ComplaintError {
    return calendarRangeError(
      `no working day within ${MAX_IDLE_DAYS} days of ${isoDate(n)}; check calendar.extraDaysOff`,
    );
  }
}
