import { formatDuration } from "../policy/duration.ts";
import { LOCALES, type Locale, type Policy } from "../policy/schema.ts";
import type { Formatters, Template } from "./catalog.ts";
import { helpEn } from "./help.en.ts";
import { helpZhCN } from "./help.zh-CN.ts";
import { en } from "./messages.en.ts";
import { zhCN } from "./messages.zh-CN.ts";

export { LOCALES, type Locale };
export type { Formatters };

/**
 * Every text a person reads comes from here, in English (the source of
 * truth, messages.en.ts and help.en.ts) or Simplified Chinese. Code that has
 * a translator (`ctx.t` in a handler) renders at once: `t("assign.done",
 * { number, id, name })`. Code that has none (helpers deep in the model)
 * throws or returns a Message, `msg("mutate.noComplaint", { number })`, which
 * whoever knows the reader's language renders: the Engine for errors.
 */
const english = { ...en, ...helpEn };

export type Catalog = typeof english;
export type MessageKey = keyof Catalog;

type ParamsOf<T> = T extends (params: infer P, f: Formatters) => string ? P : never;

/** The params `key` takes: none for fixed text, else exactly its template's. */
export type MessageArgs<K extends MessageKey> = Catalog[K] extends string
  ? []
  : [params: ParamsOf<Catalog[K]>];

/** A message not yet rendered: rendered by whoever knows the reader's language. */
export interface Message {
  readonly key: MessageKey;
  readonly params?: object;
}

/** Text that is already final (names, ids, what people typed), or a message to render. */
export type Text = string | Message;

const catalogs: Readonly<Record<Locale, Readonly<Record<string, Template>>>> = {
  en: english,
  "zh-CN": { ...zhCN, ...helpZhCN },
};

export function msg<K extends MessageKey>(key: K, ...args: MessageArgs<K>): Message {
  const params: unknown = args[0];
  return params === undefined ? { key } : { key, params: params as object };
}

export function isMessage(value: unknown): value is Message {
  if (typeof value !== "object" || value === null) return false;
  const key = (value as { key?: unknown }).key;
  return typeof key === "string" && Object.hasOwn(english, key);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A staff member's language: their own if set (and known), else the policy's. */
export function localeOf(
  staff: { locale: string | null } | null | undefined,
  fallback: Locale,
): Locale {
  return isLocale(staff?.locale) ? staff.locale : fallback;
}

export interface Translator extends Formatters {
  <K extends MessageKey>(key: K, ...args: MessageArgs<K>): string;
  /** Final text as is; a message in this translator's language. */
  render(text: Text): string;
  /** The policy labels it names channels, categories and causes with, if it was given them. */
  readonly policyLabels: PolicyLabels | undefined;
}

/** The policy's own labels (channels, categories, causes) in every language. */
export type PolicyLabels = Pick<Policy, "channels" | "categories" | "causes">;

type Labelled = readonly { id: string; labels: Readonly<Record<Locale, string>> }[];

/**
 * A translator for `locale`. With the policy's labels it names channels,
 * categories and causes in the language (English keeps their ids: they are
 * English words already and the text grammar's values).
 */
export function translator(locale: Locale, labels?: PolicyLabels): Translator {
  if (!labels) {
    const known = plain.get(locale);
    if (known) return known;
  }
  const made = makeTranslator(locale, labels);
  if (!labels) plain.set(locale, made);
  return made;
}

const plain = new Map<Locale, Translator>();

function makeTranslator(locale: Locale, labels: PolicyLabels | undefined): Translator {
  const catalog = catalogs[locale];
  const render = (key: string, params: unknown): string => {
    const entry = catalog[key];
    if (entry === undefined) return key;
    if (typeof entry === "string") return entry;
    return (entry as (p: unknown, f: Formatters) => string)(params ?? {}, formatters);
  };
  const word = (prefix: string, value: string): string => {
    const entry = catalog[`${prefix}.${value}`];
    return typeof entry === "string" ? entry : value;
  };
  const label = (list: Labelled | undefined, id: string): string =>
    locale === "en" ? id : (list?.find((x) => x.id === id)?.labels[locale] ?? id);
  const formatters: Formatters = {
    locale,
    status: (s) => word("status", s),
    severity: (s) => word("severity", s),
    role: (r) => word("role", r),
    deadline: (kind) =>
      kind.startsWith("stage:")
        ? render("deadline.stage", { stage: kind.slice(6) })
        : word("deadline", kind),
    yesNo: (b) => (b === null ? "?" : render(b ? "common.yes" : "common.no", undefined)),
    list: (items) => items.join(render("common.listSeparator", undefined)),
    duration: (ms) => formatDuration(ms, locale),
    channel: (id) => label(labels?.channels, id),
    category: (id) => label(labels?.categories, id),
    cause: (id) => label(labels?.causes, id),
  };
  const call = (key: MessageKey, ...args: unknown[]) => render(key, args[0]);
  return Object.assign(call, formatters, {
    render: (text: Text) => (typeof text === "string" ? text : render(text.key, text.params)),
    policyLabels: labels,
  });
}

const englishTranslator = translator("en");

/** English text of a message: what error messages and option help hold for code that reads them directly. */
export function inEnglish(text: Text): string {
  return englishTranslator.render(text);
}

/** Every key, for tests and tools. */
export const messageKeys = Object.keys(english) as MessageKey[];

/** The raw templates of a language, for the catalog tests. */
export function templatesOf(locale: Locale): Readonly<Record<string, Template>> {
  return catalogs[locale];
}
