import { DAY_MS } from "../policy/duration.ts";

/**
 * A calendar date with no time zone, as a day number (days since 1970-01-01).
 * The calendar steps through days with plain integers so date arithmetic never
 * goes through instants, where a DST change would make a day 23 or 25 hours.
 */
export type DayNumber = number;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function dayNumber(date: CivilDate): DayNumber {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);
}

export function civilDate(n: DayNumber): CivilDate {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `YYYY-MM-DD`, the form holiday data and the policy use. */
export function isoDate(n: DayNumber): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Parses `YYYY-MM-DD`; null unless it is a real date. */
export function parseIsoDate(text: string): DayNumber | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const n = dayNumber(date);
  const back = civilDate(n);
  return back.year === date.year && back.month === date.month && back.day === date.day ? n : null;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(n: DayNumber): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function isWeekend(n: DayNumber): boolean {
  const w = weekday(n);
  return w === 0 || w === 6;
}
