import type { z } from "zod";

/**
 * Startup configuration is wrong (environment, policy file, Redis). Not a
 * ComplaintError: nobody can fix it from a chat, so it stops the process with
 * a message that lists every problem at once, each naming what was given and
 * what is expected, so one edit-and-restart cycle fixes them all.
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly code = "E_CONFIG" as const;
  /** One self-contained line per problem. */
  readonly problems: readonly string[];

  /** `heading` introduces the list when there is more than one problem; a single one stands alone. */
  constructor(
    problems: string | readonly string[],
    options?: { cause?: unknown; heading?: string },
  ) {
    const list = typeof problems === "string" ? [problems] : problems;
    const heading =
      list.length > 1 ? (options?.heading ?? `${list.length} configuration problems:`) : undefined;
    super(
      heading ? [heading, ...list.map((p) => `  ${p}`)].join("\n") : list.join("\n"),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.problems = list;
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}

/**
 * `redis://user:secret@host` → `redis://user:***@host`, the rest exactly as written. Up to the
 * last "@" so an unencoded "@" or "/" in a password is covered; masking too much is harmless.
 */
export function redactUrl(text: string): string {
  return text.replace(/\/\/(\S*)@/, (whole, userinfo: string) => {
    const colon = userinfo.indexOf(":");
    return colon < 0 ? whole : `//${userinfo.slice(0, colon)}:***@`;
  });
}

export const REDACTED = "<redacted>";

/** A value as it appears in a message: JSON-quoted, cut short so a pasted blob stays readable. */
export function showValue(value: unknown, max = 80): string {
  if (value === undefined) return "(missing)";
  let text: string;
  try {
    // Parsed YAML and env values are always JSON-able; the fallbacks are for callers' oddities.
    text = JSON.stringify(value) ?? `(a ${typeof value})`;
  } catch {
    text = "(an unprintable value)";
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `["deadlines", "stages", "market", "after"]` → `deadlines.stages.market.after`; indexes as `[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$-]*$/.test(key))
      out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/**
 * The "expected …" half of a problem line. Our schemas write their own
 * messages in that form; zod's built-in ones are rephrased from the issue.
 */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith("expected")) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return `expected ${issue.expected === "object" ? "a mapping of keys" : issue.expected}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => showValue(v)).join(", ")}`;
    case "too_small":
      return `expected ${issue.origin === "array" ? "length" : "value"} ${issue.inclusive ? ">=" : ">"} ${String(issue.minimum)}`;
    case "too_big":
      return `expected ${issue.origin === "array" ? "length" : "value"} ${issue.inclusive ? "<=" : "<"} ${String(issue.maximum)}`;
    case "invalid_format":
      return `expected ${issue.format === "regex" && issue.pattern ? `text matching ${issue.pattern}` : `a valid ${issue.format}`}`;
    case "not_multiple_of":
      return `expected a multiple of ${String(issue.divisor)}`;
    case "unrecognized_keys":
      return `expected no other keys (unknown: ${issue.keys.join(", ")})`;
    default:
      return `expected a valid value (${issue.message})`;
  }
}
