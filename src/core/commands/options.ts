import { z } from "zod";
import { parseIsoInstant } from "../time/zoned.ts";
import { staffIdPattern } from "../staff/staff.ts";

/**
 * Option specs carry both the zod schema that validates the raw text and the
 * metadata adapters need to render the option natively (Slack modal inputs,
 * Discord option types, choices and autocomplete).
 */
export type OptionKind =
  | "text"
  | "longtext"
  | "choice"
  | "staff"
  | "complaint"
  | "department"
  | "time"
  | "boolean"
  | "integer"
  | "contact";

export interface OptionSpec<T = unknown, R extends boolean = boolean> {
  kind: OptionKind;
  help: string;
  required: R;
  choices?: readonly string[];
  maxLength?: number;
  schema: z.ZodType<T>;
}

export type OptionSpecs = Record<string, OptionSpec>;

export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]: O[K] extends OptionSpec<infer T, infer R>
    ? R extends true
      ? T
      : T | undefined
    : never;
};

// Control characters (except tab), DEL, C1 controls and bidi overrides can hide
// text in chat clients and break exports, so no free-text field accepts them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const forbiddenCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function cleanText(max: number, min = 1) {
  return z
    .string()
    .refine((s) => !forbiddenCharacters.test(s), {
      message: "contains control characters; remove them (plain text, emoji and CJK are fine)",
    })
    .transform((s) => s.trim())
    .refine((s) => s.length >= min, {
      message: min === 1 ? "must not be empty" : `needs at least ${min} characters`,
    })
    .refine((s) => s.length <= max, {
      message: `is too long (${max} characters at most)`,
    });
}

interface Common<R extends boolean> {
  help: string;
  required: R;
}

export const opt = {
  text<const R extends boolean>(o: Common<R> & { max: number }): OptionSpec<string, R> {
    return { kind: "text", ...o, maxLength: o.max, schema: cleanText(o.max) };
  },
  longText<const R extends boolean>(o: Common<R> & { max: number }): OptionSpec<string, R> {
    return { kind: "longtext", ...o, maxLength: o.max, schema: cleanText(o.max) };
  },
  choice<const C extends string, const R extends boolean>(
    o: Common<R> & { choices: readonly C[] },
  ): OptionSpec<C, R> {
    const allowed = o.choices;
    const schema = z
      .string()
      .transform((s) => s.trim().toLowerCase())
      .refine((s): s is C => (allowed as readonly string[]).includes(s), {
        message: `must be one of ${allowed.join(", ")}`,
      }) as unknown as z.ZodType<C>;
    return { kind: "choice", help: o.help, required: o.required, choices: allowed, schema };
  },
  staff<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "staff",
      ...o,
      schema: z
        .string()
        .transform((s) => s.trim().toLowerCase())
        .refine((s) => staffIdPattern.test(s), {
          message: "must be a staff id: lower-case letters, digits, '.', '_' or '-' (e.g. bob)",
        }),
    };
  },
  department<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "department",
      ...o,
      schema: z
        .string()
        .transform((s) => s.trim().toLowerCase())
        .refine((s) => staffIdPattern.test(s), {
          message:
            "must be a department id: lower-case letters, digits, '.', '_' or '-' (e.g. billing)",
        }),
    };
  },
  issue<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "text",
      ...o,
      maxLength: 64,
      schema: z
        .string()
        .transform((s) => s.trim().toLowerCase())
        .refine((s) => /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u.test(s), {
          message: "must be a short key: letters, digits, '.', '_' or '-' (e.g. may-billing-run)",
        }),
    };
  },
  complaint<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "complaint",
      ...o,
      schema: z
        .string()
        .transform((s) => s.trim().toUpperCase())
        .refine((s) => /^[A-Z]{1,6}-\d{4}-\d{4,6}$/.test(s), {
          message: "must be a complaint number such as TS-2611-0001",
        }),
    };
  },
  time<const R extends boolean>(o: Common<R> & { timeZone: string }): OptionSpec<Date, R> {
    return {
      kind: "time",
      help: o.help,
      required: o.required,
      schema: z.string().transform((s, ctx) => {
        const d = parseIsoInstant(s, o.timeZone);
        if (!d) {
          ctx.addIssue({
            code: "custom",
            message: `must be an ISO-8601 time such as 2026-11-02T09:30+08:00 or 2026-11-02 09:30 (read in ${o.timeZone})`,
          });
          return z.NEVER;
        }
        return d;
      }),
    };
  },
  boolean<const R extends boolean>(o: Common<R>): OptionSpec<boolean, R> {
    return {
      kind: "boolean",
      ...o,
      choices: ["yes", "no"],
      schema: z.string().transform((s, ctx) => {
        const v = s.trim().toLowerCase();
        if (["yes", "y", "true", "1", "是"].includes(v)) return true;
        if (["no", "n", "false", "0", "否"].includes(v)) return false;
        ctx.addIssue({ code: "custom", message: "must be yes or no" });
        return z.NEVER;
      }),
    };
  },
  integer<const R extends boolean>(
    o: Common<R> & { min: number; max: number },
  ): OptionSpec<number, R> {
    return {
      kind: "integer",
      help: o.help,
      required: o.required,
      schema: z.string().transform((s, ctx) => {
        const v = s.trim();
        const n = /^-?\d{1,15}$/.test(v) ? Number(v) : Number.NaN;
        if (!Number.isInteger(n) || n < o.min || n > o.max) {
          ctx.addIssue({
            code: "custom",
            message: `must be a whole number from ${o.min} to ${o.max}`,
          });
          return z.NEVER;
        }
        return n;
      }),
    };
  },
  email<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "text",
      ...o,
      maxLength: 254,
      schema: z
        .string()
        .transform((s) => s.trim().toLowerCase())
        .refine((s) => s.length <= 254 && emailPattern.test(s), {
          message: "must be an e-mail address such as bob@example.com",
        }),
    };
  },
  /** An amount of money: yuan with at most two decimals; thousands separators allowed. */
  money<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "text",
      ...o,
      maxLength: 20,
      schema: z.string().transform((s, ctx) => {
        const v = s.trim().replace(/[,，_]/g, "");
        if (!/^\d{1,12}(\.\d{1,2})?$/.test(v)) {
          ctx.addIssue({
            code: "custom",
            message: "must be an amount such as 1200 or 1200.50 (yuan, at most two decimals)",
          });
          return z.NEVER;
        }
        return (Math.round(Number(v) * 100) / 100).toFixed(2);
      }),
    };
  },
  compensation<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "text",
      ...o,
      maxLength: 20,
      schema: z
        .string()
        .transform((s) => s.trim().toUpperCase())
        .refine((s) => /^CP-\d{4}-\d{4,6}$/.test(s), {
          message: "must be a compensation request id such as CP-2611-0001",
        }),
    };
  },
  contact<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "contact",
      ...o,
      schema: z.string().transform((s, ctx) => {
        const normalized = normalizeContact(s);
        if (!normalized) {
          ctx.addIssue({
            code: "custom",
            message:
              "is not a phone number or e-mail address (e.g. 13800138000, 010-12345678, +44 20 7946 0958, name@example.com)",
          });
          return z.NEVER;
        }
        return normalized;
      }),
    };
  },
};

const emailPattern = /^[^\s@"'<>]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/** A mainland mobile, a landline with area code, an international number, or an e-mail. */
export function normalizeContact(raw: string): string | null {
  const text = raw.trim();
  if (text.length > 254) return null;
  if (text.includes("@")) return emailPattern.test(text) ? text.toLowerCase() : null;
  const compact = text.replace(/[\s()-]/g, "");
  const mobile = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(compact);
  if (mobile?.[1]) return mobile[1];
  if (/^0\d{9,11}$/.test(compact)) {
    const landline = /^(0\d{2,3})[\s-]?(\d{7,8})$/.exec(text);
    return landline ? `${landline[1]}-${landline[2]}` : compact;
  }
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return compact;
  return null;
}
