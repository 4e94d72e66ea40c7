import {
  ApplicationCommandOptionType,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOptionChoice,
} from "discord.js";
import type { App } from "../../src/app.ts";
import type { OptionSpecs } from "../../src/core/commands/options.ts";
import { clip, limits } from "./limits.ts";

/**
 * Choices for the option being typed: complaint numbers (newest first, with
 * status and an excerpt), active staff, or a long choice list filtered by
 * what was typed. Discord waits 3 s for the answer and cannot be deferred, so
 * a slow database answers "no suggestions" rather than nothing.
 */
export type SuggestApp = Pick<App, "chat">;

export const AUTOCOMPLETE_BUDGET_MS = 2_000;

export interface Focused {
  words: string[];
  name: string;
  value: string;
}

export function focusedOption(
  data: APIApplicationCommandAutocompleteInteraction["data"],
): Focused | null {
  const words: string[] = [];
  let options: readonly APIApplicationCommandInteractionDataOption[] = data.options ?? [];
  for (;;) {
    const focused = options.find((o) => "focused" in o && o.focused);
    if (focused && "value" in focused) {
      return { words, name: focused.name, value: String(focused.value) };
    }
    const nested = options.find(
      (o) =>
        o.type === ApplicationCommandOptionType.Subcommand ||
        o.type === ApplicationCommandOptionType.SubcommandGroup,
    );
    if (!nested || !("options" in nested)) return null;
    words.push(nested.name);
    options = nested.options ?? [];
  }
}

export async function suggest(
  app: SuggestApp,
  specs: OptionSpecs,
  focused: Focused,
): Promise<APIApplicationCommandOptionChoice<string>[]> {
  const spec = specs[focused.name];
  if (!spec) return [];
  const query = focused.value.trim();
  if (spec.kind === "complaint") {
    const rows = await app.chat.suggestComplaints(query, limits.choices);
    return rows.map((r) => ({
      name: clip(`${r.number} · ${r.status} · ${r.excerpt}`, limits.choiceName),
      value: r.number,
    }));
  }
  if (spec.kind === "staff") {
    const rows = await app.chat.suggestStaff(query, limits.choices);
    return rows.map((r) => ({
      name: clip(`${r.id} — ${r.name} (${r.role})`, limits.choiceName),
      value: r.id,
    }));
  }
  const q = query.toLowerCase();
  return (spec.choices ?? [])
    .filter((c) => c.toLowerCase().includes(q))
    .slice(0, limits.choices)
    .map((c) => ({ name: clip(c, limits.choiceName), value: c }));
}

/** `work`, or `fallback` once `ms` have passed. */
export async function within<T>(ms: number, work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
