import { createRequire } from "node:module";

import chineseDays from "chinese-days";

import { parseIsoDate } from "../core/calendar/civil-date.ts";
import {
  layeredHolidays,
  mergeYearRanges,
  type HolidayCalendar,
  type YearRange,
} from "../core/calendar/holidays.ts";

/**
 * Mainland-China holidays and make-up working days from the `chinese-days`
 * package. The package itself silently answers "Monday to Friday" for years
 * it has no data for; this adapter answers `undefined` instead, so the
 * business calendar can say which years it is guessing.
 */

const WEEKDAY_NAMES = new Set([
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
]);

/** Years probed for data; the package starts at 2004. */
const PROBE_FROM = 1949;
const PROBE_TO = 2199;

/**
 * chinese-days 1.5.7 parses "YYYY-MM-DD" as UTC midnight but reads it back
 * with local-time getters, so west of UTC every answer is for the day before.
 * A Date at local noon is read back as the intended day in every zone.
 */
function localNoon(isoDate: string): Date | null {
  if (parseIsoDate(isoDate) === null) return null;
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Date(year ?? NaN, (month ?? NaN) - 1, day ?? NaN, 12);
}

function detail(isoDate: string): { work: boolean; name: string } {
  const at = localNoon(isoDate);
  if (!at) throw new Error(`chinese-days: ${JSON.stringify(isoDate)} is not "YYYY-MM-DD"`);
  const d = chineseDays.getDayDetail(at);
  // Refuse to go on with answers for the wrong day rather than shift every deadline.
  if (d.date !== isoDate) {
    throw new Error(`chinese-days answered for ${d.date} when asked about ${isoDate}`);
  }
  return d;
}

/**
 * A year has data when its New Year's Day is listed: 元旦 is a public holiday
 * in every year's arrangement, and an unlisted day comes back named after its weekday.
 */
function probeCoveredYears(): YearRange[] {
  const years: YearRange[] = [];
  for (let year = PROBE_FROM; year <= PROBE_TO; year++) {
    if (!WEEKDAY_NAMES.has(detail(`${year}-01-01`).name)) years.push({ from: year, to: year });
  }
  return mergeYearRanges(years);
}

function packageVersion(): string {
  try {
    const pkg: unknown = createRequire(import.meta.url)("chinese-days/package.json");
    const version = (pkg as { version?: unknown }).version;
    return typeof version === "string" ? version : "unknown";
  } catch {
    return "unknown";
  }
}

export function chineseDaysHolidays(): HolidayCalendar {
  const covered = probeCoveredYears();
  const coveredYear = new Set(covered.flatMap((r) => range(r.from, r.to)));
  return {
    name: `chinese-days ${packageVersion()}`,
    isWorkingDay(isoDate) {
      const year = Number(isoDate.slice(0, 4));
      if (!coveredYear.has(year) || localNoon(isoDate) === null) return undefined;
      return detail(isoDate).work;
    },
    coveredYears: () => covered,
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * The holiday data the app uses. A second package that has years chinese-days
 * lacks goes after it here; the first source with data for a year answers.
 */
export function defaultHolidayCalendar(): HolidayCalendar {
  return layeredHolidays([chineseDaysHolidays()]);
}
