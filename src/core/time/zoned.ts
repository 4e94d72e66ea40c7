/**
 * Wall-clock arithmetic in an IANA time zone without a date library: the
 * offset is read back from Intl, which knows the zone's rules.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallTime(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the zone from UTC at `instant`, in milliseconds. */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which the zone's clocks show `w`. */
export function fromWallTime(w: WallTime, timeZone: string): Date {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const first = guess - zoneOffsetMs(new Date(guess), timeZone);
  // Near a DST change the offset at the guess differs from the offset at the answer.
  const second = guess - zoneOffsetMs(new Date(first), timeZone);
  return new Date(second);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `2026-11-23 09:30` in the zone, for human replies. */
export function formatWallTime(instant: Date, timeZone: string): string {
  const w = wallTime(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** `YYMM` of the instant in the zone: the complaint-number period. */
export function yearMonthCode(instant: Date, timeZone: string): string {
  const w = wallTime(instant, timeZone);
  return `${pad(w.year % 100)}${pad(w.month)}`;
}

const isoWithZone =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses an ISO-8601 date or date-time. Without an offset the time is read
 * as wall-clock time in `timeZone` (staff type local times).
 */
export function parseIsoInstant(text: string, timeZone: string): Date | null {
  const m = isoWithZone.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const w: WallTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
  };
  if (
    w.month < 1 ||
    w.month > 12 ||
    w.day < 1 ||
    w.day > 31 ||
    w.hour > 23 ||
    w.minute > 59 ||
    w.second > 59
  ) {
    return null;
  }
  const check = new Date(Date.UTC(w.year, w.month - 1, w.day));
  if (check.getUTCDate() !== w.day) return null; // 2026-02-30
  if (zone) {
    const utc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    if (zone.toUpperCase() === "Z") return new Date(utc);
    const digits = zone.slice(1).replace(":", "");
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    if (offsetMinutes > 14 * 60) return null;
    return new Date(utc - (zone.startsWith("-") ? -1 : 1) * offsetMinutes * 60_000);
  }
  return fromWallTime(w, timeZone);
}
