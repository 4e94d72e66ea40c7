import { isWeekend, parseIsoDate } from "./civil-date.ts";

/** Inclusive range of years. */
export interface YearRange {
  from: number;
  to: number;
}

/**
 * Which days are working days under the official (mainland-China) calendar:
 * public holidays off, make-up working weekends (调休) on. Implemented outside
 * core by a holiday-data package; core only asks.
 *
 * Official arrangements are published year by year, so every source knows a
 * limited set of years. A source answers `undefined` for a year it has no data
 * for instead of guessing from the weekday: only the caller knows whether a
 * guess is acceptable, and it must be able to say that it guessed.
 */
export interface HolidayCalendar {
  /** For logs: "chinese-days 1.5.7". */
  readonly name: string;
  /** `isoDate` is `YYYY-MM-DD`; undefined when the source has no data for that year. */
  isWorkingDay(isoDate: string): boolean | undefined;
  /** Years the source has data for, ascending and disjoint. */
  coveredYears(): readonly YearRange[];
}

export function yearsCovered(ranges: readonly YearRange[], year: number): boolean {
  return ranges.some((r) => r.from <= year && year <= r.to);
}

/** Sorts and joins touching or overlapping ranges. */
export function mergeYearRanges(ranges: readonly YearRange[]): YearRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: YearRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

export function formatYearRanges(ranges: readonly YearRange[]): string {
  if (ranges.length === 0) return "no years";
  return ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(", ");
}

/**
 * Several sources, asked in order; the first that has data for a year answers.
 * This is how a second package (or a hand-kept table) fills the years the
 * first one lacks without either knowing about the other.
 */
export function layeredHolidays(sources: readonly HolidayCalendar[]): HolidayCalendar {
  const covered = mergeYearRanges(sources.flatMap((s) => s.coveredYears()));
  return {
    name: sources.length === 0 ? "no holiday data" : sources.map((s) => s.name).join(" + "),
    isWorkingDay(isoDate) {
      for (const source of sources) {
        const answer = source.isWorkingDay(isoDate);
        if (answer !== undefined) return answer;
      }
      return undefined;
    },
    coveredYears: () => covered,
  };
}

export interface HolidayTable {
  name: string;
  years: YearRange;
  /** Weekdays that are days off (public holidays). */
  daysOff: readonly string[];
  /** Weekend days that are working days (make-up days, 调休). */
  workingDays: readonly string[];
}

/**
 * A source from explicit lists: for tests, and for a year typed in by hand
 * from the State Council notice before any package ships it.
 */
export function tableHolidays(table: HolidayTable): HolidayCalendar {
  const off = new Set(table.daysOff);
  const on = new Set(table.workingDays);
  const covered = [{ ...table.years }];
  return {
    name: table.name,
    isWorkingDay(isoDate) {
      const n = parseIsoDate(isoDate);
      const year = Number(isoDate.slice(0, 4));
      if (n === null || year < table.years.from || year > table.years.to) return undefined;
      if (on.has(isoDate)) return true;
      if (off.has(isoDate)) return false;
      return !isWeekend(n);
    },
    coveredYears: () => covered,
  };
}
