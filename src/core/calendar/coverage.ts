import { wallTime } from "../time/zoned.ts";
import type { BusinessCalendar } from "./business-calendar.ts";
import { formatYearRanges, yearsCovered, type YearRange } from "./holidays.ts";

export interface CoverageReport {
  /** The holiday data in use, e.g. "chinese-days 1.5.7". */
  source: string;
  covered: readonly YearRange[];
  /** Years from this year up to the horizon that fall back to Monday-Friday. */
  missingYears: number[];
  /** One line for an info log at start-up. */
  summary: string;
  /** One line per missing year, for warn logs; none in mode 24x7. */
  warnings: string[];
}

/**
 * What the calendar knows, for the start-up log. Deadlines reach a few weeks
 * ahead, so this year and the next (`horizonYears`) must have holiday data;
 * a year without it is not an error — it is counted Monday to Friday — but it
 * has to be said, because Spring Festival would then be counted as working days.
 */
export function describeCoverage(
  calendar: BusinessCalendar,
  now: Date,
  horizonYears = 1,
): CoverageReport {
  const source = calendar.holidays.name;
  const covered = calendar.holidays.coveredYears();
  const { workingHours, extraDaysOff, extraWorkingDays } = calendar.settings;
  if (calendar.mode === "24x7") {
    return {
      source,
      covered,
      missingYears: [],
      summary: "business calendar 24x7: every hour is working time; holiday data not used",
      warnings: [],
    };
  }
  const thisYear = wallTime(now, calendar.timeZone).year;
  const missingYears: number[] = [];
  for (let year = thisYear; year <= thisYear + horizonYears; year++) {
    if (!yearsCovered(covered, year)) missingYears.push(year);
  }
  const coverage = `${source} covers ${formatYearRanges(covered)}`;
  const summary =
    `business calendar: working hours ${workingHours.start}-${workingHours.end} ` +
    `${calendar.timeZone}; holiday data ${coverage}; ` +
    `${extraDaysOff.length} extra days off, ${extraWorkingDays.length} extra working days`;
  const warnings = missingYears.map(
    (year) =>
      `holiday data for ${year} missing (${coverage}); treating Mon-Fri as working days ` +
      `in ${year}: list its public holidays in calendar.extraDaysOff and make-up working ` +
      `days in calendar.extraWorkingDays, or update the holiday data package`,
  );
  return { source, covered, missingYears, summary, warnings };
}
