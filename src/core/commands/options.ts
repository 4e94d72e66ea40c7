import { z } from "zod";
import { inEnglish, msg, type MessageArgs, type MessageKey, type Text } from "../i18n/translate.ts";
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
  /** In English, as adapters read it; `localizedHelp` gives it in another language. */
  help: string;
  /** The help to translate. */
  helpText: Text;
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

/**
 * A refusal as zod reports it: English in `message`, and the message itself
 * in `params.i18n`, which validateOptions renders in the reader's language.
 */
function problem<K extends MessageKey>(key: K, ...args: MessageArgs<K>) {
  const message = msg(key, ...args);
  return { message: inEnglish(message), params: { i18n: message } };
}

function cleanText(max: number, min = 1) {
  return z
    .string()
    .refine((s) => !forbiddenCharacters.test(s), problem("opt.controlChars"))
    .transform((s) => s.trim())
    .refine(
      (s) => s.length >= min,
      min === 1 ? problem("opt.empty") : problem("opt.minChars", { min }),
    )
    .refine((s) => s.length <= max, problem("opt.tooLong", { max }));
}

interface Common<R extends boolean> {
  help: Text;
  required: R;
}

/** The help of an option in English and as the message to translate. */
function described<R extends boolean>(o: Common<R>) {
  return { help: inEnglish(o.help), helpText: o.help, required: o.required };
}

export const opt = {
  text<const R extends boolean>(o: Common<R> & { max: number }): OptionSpec<string, R> {
    return { kind: "text", ...described(o), maxLength: o.max, schema: cleanText(o.max) };
  },
  longText<const R extends boolean>(o: Common<R> & { max: number }): OptionSpec<string, R> {
    return { kind: "longtext", ...described(o), maxLength: o.max, schema: cleanText(o.max) };
  },
  choice<const C extends string, const R extends boolean>(
    o: Common<R> & { choices: readonly C[] },
  ): OptionSpec<C, R> {
    const allowed = o.choices;
    // Case-insensitive, answering the choice as declared: locale:zh-cn is zh-CN.
    const canonical = new Map(allowed.map((c) => [c.toLowerCase(), c] as const));
    const schema = z
      .string()
      .transform((s) => canonical.get(s.trim().toLowerCase()) ?? s.trim().toLowerCase())
      .refine(
        (s): s is C => (allowed as readonly string[]).includes(s),
        problem("opt.oneOf", { choices: allowed }),
      ) as unknown as z.ZodType<C>;
    return { kind: "choice", ...described(o), choices: allowed, schema };
  },
  staff<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "staff",
      ...described(o),
      schema: z
        .string()
        .transform((s) => s.trim().toLowerCase())
        .refine((s) => staffIdPattern.test(s), problem("opt.staffId")),
    };
  },
  department<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "department",
      ...described(o),
      schema: z
        .string()
        .transform((s) => s.trim().toLowerCase())
        .refine((s) => staffIdPattern.test(s), problem("opt.departmentId")),
    };
  },
  issue<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "text",
      ...described(o),
      maxLength: 64,
      schema: z
        .string()
        .transform((s) => s.trim().toLowerCase())
        .refine((s) => /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u.test(s), problem("opt.issueKey")),
    };
  },
  complaint<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "complaint",
      ...described(o),
      schema: z
        .string()
        .transform((s) => s.trim().toUpperCase())
        .refine((s) => /^[A-Z]{1,6}-\d{4}-\d{4,6}$/.test(s), problem("opt.complaintNumber")),
    };
  },
  time<const R extends boolean>(o: Common<R> & { timeZone: string }): OptionSpec<Date, R> {
    return {
      kind: "time",
      ...described(o),
      schema: z.string().transform((s, ctx) => {
        const d = parseIsoInstant(s, o.timeZone);
        if (!d) {
          ctx.addIssue({ code: "custom", ...problem("opt.time", { timeZone: o.timeZone }) });
          return z.NEVER;
        }
        return d;
      }),
    };
  },
  boolean<const R extends boolean>(o: Common<R>): OptionSpec<boolean, R> {
    return {
      kind: "boolean",
      ...described(o),
      choices: ["yes", "no"],
      schema: z.string().transform((s, ctx) => {
        const v = s.trim().toLowerCase();
        if (["yes", "y", "true", "1", "是"].includes(v)) return true;
        if (["no", "n", "false", "0", "否"].includes(v)) return false;
        ctx.addIssue({ code: "custom", ...problem("opt.yesNo") });
        return z.NEVER;
      }),
    };
  },
  integer<const R extends boolean>(
    o: Common<R> & { min: number; max: number },
  ): OptionSpec<number, R> {
    return {
      kind: "integer",
      ...described(o),
      schema: z.string().transform((s, ctx) => {
        const v = s.trim();
        const n = /^-?\d{1,15}$/.test(v) ? Number(v) : Number.NaN;
        if (!Number.isInteger(n) || n < o.min || n > o.max) {
          ctx.addIssue({ code: "custom", ...problem("opt.integer", { min: o.min, max: o.max }) });
          return z.NEVER;
        }
        return n;
      }),
    };
  },
  email<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "text",
      ...described(o),
      maxLength: 254,
      schema: z
        .string()
        .transform((s) => s.trim().toLowerCase())
        .refine((s) => s.length <= 254 && emailPattern.test(s), problem("opt.email")),
    };
  },
  /** An amount of money: yuan with at most two decimals; thousands separators allowed. */
  money<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "text",
      ...described(o),
      maxLength: 20,
      schema: z.string().transform((s, ctx) => {
        const v = s.trim().replace(/[,，_]/g, "");
        if (!/^\d{1,12}(\.\d{1,2})?$/.test(v)) {
          ctx.addIssue({ code: "custom", ...problem("opt.money") });
          return z.NEVER;
        }
        return (Math.round(Number(v) * 100) / 100).toFixed(2);
      }),
    };
  },
  compensation<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "text",
      ...described(o),
      maxLength: 20,
      schema: z
        .string()
        .transform((s) => s.trim().toUpperCase())
        .refine((s) => /^CP-\d{4}-\d{4,6}$/.test(s), problem("opt.compensationId")),
    };
  },
  contact<const R extends boolean>(o: Common<R>): OptionSpec<string, R> {
    return {
      kind: "contact",
      ...described(o),
      schema: z.string().transform((s, ctx) => {
        const normalized = normalizeContact(s);
        if (!normalized) {
          ctx.addIssue({ code: "custom", ...problem("opt.contact") });
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
