import { fromWallTime, wallTime } from "../time/zoned.ts";

/** A calendar month in the policy's time zone: [from, to). */
export interface Period {
  /** `2026-10` */
  label: string;
  from: Date;
  to: Date;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function monthPeriod(year: number, month: number, timeZone: string): Period {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  const midnight = (y: number, m: number) =>
    fromWallTime({ year: y, month: m, day: 1, hour: 0, minute: 0, second: 0 }, timeZone);
  return {
    label: `${year}-${pad(month)}`,
    from: midnight(year, month),
    to: midnight(next.year, next.month),
  };
}

/** `2026-10` (or `2026-1`) as a month; null when it is not one. */
export function parseMonth(text: string, timeZone: string): Period | null {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 2000 || year > 2999 || month < 1 || month > 12) return null;
  return monthPeriod(year, month, timeZone);
}

function yearMonth(p: Period): { year: number; month: number } {
  const [y, m] = p.label.split("-").map(Number);
  return { year: y ?? 0, month: m ?? 0 };
}

/** The month `offset` months after `p` (negative: before). */
export function shiftMonth(p: Period, offset: number, timeZone: string): Period {
  const { year, month } = yearMonth(p);
  const index = year * 12 + (month - 1) + offset;
  return monthPeriod(Math.floor(index / 12), (index % 12) + 1, timeZone);
}

export function monthOf(instant: Date, timeZone: string): Period {
  const w = wallTime(instant, timeZone);
  return monthPeriod(w.year, w.month, timeZone);
}

/** `count` months ending with `last`, oldest first. */
export function monthsEndingWith(last: Period, count: number, timeZone: string): Period[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(last, i - count + 1, timeZone));
}
