import { translator, type Locale } from "../i18n/translate.ts";
import type { AnyCommand } from "./command.ts";
import type { OptionSpec } from "./options.ts";

/**
 * Command summaries and option help in a reader's language, for adapters
 * (slash-command descriptions, modal hints). `command.summary` and
 * `spec.help` stay English.
 */
export function localizedSummary(command: AnyCommand, locale: Locale): string {
  return translator(locale).render(command.summaryText);
}

export function localizedHelp(spec: OptionSpec, locale: Locale): string {
  return translator(locale).render(spec.helpText);
}
