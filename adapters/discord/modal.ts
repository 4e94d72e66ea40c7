import {
  ComponentType,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
  type APIModalSubmission,
} from "discord.js";
import type { OptionSpecs } from "../../src/core/commands/options.ts";
import type { Invocation } from "./custom-id.ts";
import { clip, limits } from "./limits.ts";

/**
 * Long text does not fit a slash-command box, so a command with long-text
 * options (open's content, note's text, resolve's result, reopen's reason)
 * gathers them, with its other required free-text options, in a modal. On
 * Discord those options stay available as optional slash options: given
 * there, no modal opens.
 */
const formKinds = new Set(["text", "contact", "longtext"]);

/** The options a command gathers in its modal (none: it has no modal). */
export function modalFields(specs: OptionSpecs): string[] {
  const entries = Object.entries(specs);
  if (!entries.some(([, s]) => s.kind === "longtext")) return [];
  const wanted = entries.filter(
    ([, s]) => s.kind === "longtext" || (s.required && formKinds.has(s.kind)),
  );
  const required = wanted.filter(([, s]) => s.required);
  const optional = wanted.filter(([, s]) => !s.required);
  return [...required, ...optional].slice(0, limits.modalComponents).map(([name]) => name);
}

/** True when a required modal option is missing from what was given. */
export function needsModal(specs: OptionSpecs, given: Record<string, string>): boolean {
  return modalFields(specs).some((name) => specs[name]?.required && given[name] === undefined);
}

/**
 * True when what is missing can be typed into the modal: a button that runs
 * a command with other required options missing would only end in an error.
 */
export function completesInModal(specs: OptionSpecs, given: Record<string, string>): boolean {
  const form = new Set(modalFields(specs));
  return Object.entries(specs).every(
    ([name, spec]) => !spec.required || given[name] !== undefined || form.has(name),
  );
}

/** The options a modal carries to its submission (all but its own fields). */
export function carriedOptions(specs: OptionSpecs, invocation: Invocation): Invocation {
  const fields = modalFields(specs);
  return {
    words: invocation.words,
    options: Object.fromEntries(
      Object.entries(invocation.options).filter(([name]) => !fields.includes(name)),
    ),
  };
}

/**
 * The modal for `invocation`: text inputs for its modal options, prefilled
 * with what was given. `customId` names what the submission carries
 * (see custom-id.ts).
 */
export function buildModal(
  specs: OptionSpecs,
  invocation: Invocation,
  title: string,
  customId: string,
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title: clip(title, limits.modalTitle),
    components: modalFields(specs).map((name) => {
      const spec = specs[name];
      const given = invocation.options[name];
      const max = Math.min(spec?.maxLength ?? limits.inputValue, limits.inputValue);
      return {
        type: ComponentType.Label,
        label: clip(name, limits.inputLabel),
        description: clip(spec?.help ?? name, limits.description),
        component: {
          type: ComponentType.TextInput,
          custom_id: name,
          style: spec?.kind === "longtext" ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: spec?.required ?? false,
          max_length: max,
          ...(given !== undefined ? { value: clip(given, max) } : {}),
        },
      };
    }),
  };
}

/**
 * The values typed into a modal, by option name. Empty inputs are left out
 * (an optional field left blank is "not given"). Both layouts Discord sends
 * are read: label components and the older action rows.
 */
export function readModal(data: APIModalSubmission): Record<string, string> {
  const values: Record<string, string> = {};
  const take = (c: { type: ComponentType; custom_id?: string; value?: unknown }) => {
    if (c.type === ComponentType.TextInput && typeof c.value === "string" && c.custom_id) {
      if (c.value.trim() !== "") values[c.custom_id] = c.value;
    }
  };
  for (const top of data.components) {
    if (top.type === ComponentType.Label) take(top.component);
    else if (top.type === ComponentType.ActionRow) for (const c of top.components) take(c);
  }
  return values;
}
