import { z } from "zod";

/**
 * A fixed-length span of time. `iso` keeps the text the policy author wrote
 * (normalised: upper case, "." decimals) so messages and round trips show it
 * back unchanged; `ms` is what the code computes with. Whether "P3D" means
 * calendar or working days is not the duration's business: the deadline's
 * clock decides, and the calendar counts days as `ms / DAY_MS`.
 */
export interface Duration {
  iso: string;
  ms: number;
}

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

export const DURATION_EXAMPLE = "an ISO-8601 duration such as PT48H or P3D";

/** Thrown by parseDuration; `hint` is the fix to suggest, when there is an obvious one. */
export class DurationError extends Error {
  override readonly name = "DurationError";
  readonly input: string;
  readonly hint: string | undefined;

  constructor(input: string, hint?: string) {
    super(
      `invalid duration ${JSON.stringify(input)}: expected ${DURATION_EXAMPLE}${hint ? `; ${hint}` : ""}`,
    );
    this.input = input;
    this.hint = hint;
  }
}

const NUM = String.raw`(\d+(?:[.,]\d+)?)`;
const ISO_DURATION = new RegExp(
  String.raw`^([+-])?P(?:${NUM}W)?(?:${NUM}D)?(?:T(?:${NUM}H)?(?:${NUM}M)?(?:${NUM}S)?)?$`,
  "i",
);
const UNIT_MS = [WEEK_MS, DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS] as const;

/**
 * Parses the subset of ISO-8601 durations that has a fixed length: weeks,
 * days, hours, minutes, seconds (`P1W2D`, `P1DT12H`, `PT90M`, `PT0.5S`).
 * Years and months are refused because their length depends on the start
 * date, which a policy deadline cannot know. A leading sign is accepted;
 * whether zero or negative makes sense is for the caller (see durationSchema).
 */
export function parseDuration(text: string): Duration {
  const trimmed = text.trim();
  const match = ISO_DURATION.exec(trimmed);
  if (!match) throw new DurationError(text, hintFor(trimmed));

  const sign = match[1] === "-" ? -1 : 1;
  const parts = match.slice(2, 7);
  const present = parts.flatMap((p, i) => (p === undefined ? [] : [i]));
  if (present.length === 0) {
    throw new DurationError(text, "give at least one component, e.g. P1D or PT1H");
  }
  if (/T$/i.test(trimmed)) {
    throw new DurationError(text, "a T must be followed by hours, minutes or seconds");
  }
  // ISO-8601 only lets the smallest given unit carry a fraction.
  const fractional = present.filter((i) => /[.,]/.test(parts[i] ?? ""));
  if (fractional.some((i) => i !== present[present.length - 1])) {
    throw new DurationError(
      text,
      "only the last (smallest) unit may have a fraction, e.g. PT1H30M not PT1.5H30M",
    );
  }

  let ms = 0;
  for (const i of present) {
    ms += Number((parts[i] ?? "0").replace(",", ".")) * (UNIT_MS[i] ?? 0);
  }
  ms = Math.round(ms);
  if (!Number.isSafeInteger(ms)) throw new DurationError(text, "the duration is too long");

  const iso = trimmed.toUpperCase().replace(",", ".").replace(/^\+/, "");
  return { iso, ms: sign * ms || 0 };
}

function hintFor(text: string): string | undefined {
  const upper = text.toUpperCase();
  const datePart = upper.split("T")[0] ?? "";
  if (/^[+-]?P.*Y/.test(datePart)) {
    return "years have no fixed length, use days instead (e.g. P365D)";
  }
  if (/^[+-]?P.*M/.test(datePart)) {
    return "months have no fixed length, use days instead (e.g. P30D; PT30M is 30 minutes)";
  }
  if (/^\d+(\.\d+)?$/.test(text)) {
    return `a bare number has no unit; write e.g. PT${text}H for hours or P${text}D for days`;
  }
  if (/^\d/.test(text) && /^[\d.,WDHMS]+$/i.test(text))
    return `durations start with P, e.g. P${upper}`;
  if (/^P\d+[HS]/.test(upper)) return "hours, minutes and seconds come after a T, e.g. PT2H";
  return undefined;
}

export interface DurationSchemaOptions {
  /** Require more than zero (deadlines, intervals). Default false: zero is allowed. */
  positive?: boolean;
  /** Allow a leading minus sign. Default false. */
  allowNegative?: boolean;
}

/** A zod string that parses into a Duration; the message always starts with "expected". */
export function durationSchema(options: DurationSchemaOptions = {}) {
  return z.string({ error: `expected ${DURATION_EXAMPLE}` }).transform((text, ctx): Duration => {
    let duration: Duration;
    try {
      duration = parseDuration(text);
    } catch (error) {
      const hint = error instanceof DurationError ? error.hint : undefined;
      ctx.addIssue({
        code: "custom",
        message: `expected ${DURATION_EXAMPLE}${hint ? `; ${hint}` : ""}`,
        input: text,
      });
      return z.NEVER;
    }
    if (duration.ms < 0 && !options.allowNegative) {
      ctx.addIssue({
        code: "custom",
        message: "expected a duration that is not negative",
        input: text,
      });
      return z.NEVER;
    }
    if (duration.ms === 0 && options.positive) {
      ctx.addIssue({
        code: "custom",
        message: "expected a duration longer than zero",
        input: text,
      });
      return z.NEVER;
    }
    return duration;
  });
}

/** Canonical ISO text for a span (days, not weeks; seconds may carry milliseconds). */
export function durationToIso(ms: number): string {
  const { negative, days, hours, minutes, seconds, millis } = splitDuration(ms);
  const secs = millis
    ? `${seconds}.${String(millis).padStart(3, "0").replace(/0+$/, "")}`
    : `${seconds}`;
  const time =
    (hours ? `${hours}H` : "") +
    (minutes ? `${minutes}M` : "") +
    (seconds || millis ? `${secs}S` : "");
  const body = (days ? `${days}D` : "") + (time ? `T${time}` : "");
  return `${negative ? "-" : ""}P${body || "T0S"}`;
}

export interface DurationParts {
  negative: boolean;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  millis: number;
}

export function splitDuration(ms: number): DurationParts {
  const negative = ms < 0;
  let rest = Math.round(Math.abs(ms));
  const take = (unit: number): number => {
    const n = Math.floor(rest / unit);
    rest -= n * unit;
    return n;
  };
  const days = take(DAY_MS);
  const hours = take(HOUR_MS);
  const minutes = take(MINUTE_MS);
  const seconds = take(SECOND_MS);
  return { negative, days, hours, minutes, seconds, millis: rest };
}

const UNIT_LABELS = {
  en: { days: " d", hours: " h", minutes: " min", seconds: " s", millis: " ms", sep: " " },
  "zh-CN": { days: "天", hours: "小时", minutes: "分钟", seconds: "秒", millis: "毫秒", sep: "" },
} as const;

/** Short human text: "2 d 3 h" / "2天3小时". Every non-zero unit is shown, largest first. */
export function formatDuration(ms: number, locale: "zh-CN" | "en"): string {
  const labels = UNIT_LABELS[locale];
  const parts = splitDuration(ms);
  const units = ["days", "hours", "minutes", "seconds", "millis"] as const;
  const text = units
    .filter((u) => parts[u] !== 0)
    .map((u) => `${parts[u]}${labels[u]}`)
    .join(labels.sep);
  return `${parts.negative ? "-" : ""}${text || `0${labels.seconds}`}`;
}
