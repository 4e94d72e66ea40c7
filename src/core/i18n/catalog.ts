import type { Locale } from "../policy/schema.ts";

/**
 * What a message template may use besides its own params: the words of its
 * language for the values the grammar keeps in English (statuses, severities,
 * roles, policy channels …), so a template says "处理中" where the params say
 * "in_progress". Unknown values come back unchanged.
 */
export interface Formatters {
  readonly locale: Locale;
  status(status: string): string;
  severity(severity: string): string;
  role(role: string): string;
  /** Deadline kinds: first_reply, result, close, stage:<id>. */
  deadline(kind: string): string;
  /** yes / no, and "?" for unknown. */
  yesNo(value: boolean | null): string;
  /** Joins words as the language lists them ("a, b" / "a、b"). */
  list(items: readonly string[]): string;
  /** "2 d 3 h" / "2天3小时". */
  duration(ms: number): string;
  /** Policy channels, categories and causes: their id in English (the text grammar), their label otherwise. */
  channel(id: string): string;
  category(id: string): string;
  cause(id: string): string;
}

/**
 * One message: fixed text, or a function of its params. English is the
 * source of truth; every other language has the same keys with the same
 * params (see Translations).
 */
export type Template = string | ((params: never, f: Formatters) => string);

/**
 * A translation of `C`: every key, each template taking the same params
 * (and the formatters, whether the English one uses them or not). A missing
 * key or a param the English does not give is a type error.
 */
export type Translations<C extends Record<string, Template>> = {
  readonly [K in keyof C]: C[K] extends string
    ? string
    : C[K] extends (params: infer P, f: Formatters) => string
      ? (params: P, f: Formatters) => string
      : never;
};
