import type { types } from "@slack/bolt";
import { z } from "zod";
import type { OptionSpec, OptionSpecs } from "../../src/core/commands/options.ts";
import { context, escape, section, type Block, type MessagePayload } from "./blocks.ts";
import { clamp, length, limits } from "./limits.ts";
import type { Chrome } from "./text.ts";

/**
 * Modals are generated from a command's option specs (kind, choices,
 * required, help, maxLength): the intake form is `open`'s options, the
 * Resolve button's form is `resolve`'s missing ones. Nothing here knows a
 * particular command.
 */
export const COMMAND_MODAL = "complaint-command";

/** The modal's private_metadata: which command, and what is already decided. */
export interface ModalState {
  /** Command words, e.g. ["open"] or ["staff", "add"]. */
  words: string[];
  /** Options fixed before the form opened (from the button or typed text); not shown. */
  given: Record<string, string>;
  /** The channel the form was opened from, for the result. */
  channel?: string | undefined;
}

const stateSchema = z.object({
  words: z.array(z.string().max(40)).min(1).max(3),
  given: z.record(z.string(), z.string()),
  channel: z.string().max(40).optional(),
});

export function encodeState(state: ModalState): string {
  const text = JSON.stringify(state);
  if (length(text) > limits.privateMetadata) {
    throw new Error(`modal state is ${length(text)} characters; Slack keeps at most 3000`);
  }
  return text;
}

/** null when the metadata is not ours (another app version, tampering). */
export function decodeState(text: string): ModalState | null {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Options never asked in a form: `version` is the concurrency token a button already carries. */
const neverAsked = new Set(["version"]);

export function askedOptions(specs: OptionSpecs, given: Record<string, string>): string[] {
  return Object.keys(specs).filter((name) => !(name in given) && !neverAsked.has(name));
}

const blockId = (option: string) => `opt:${option}`;
const VALUE_ACTION = "v";

export interface FormOptions {
  title: string;
  specs: OptionSpecs;
  state: ModalState;
  chrome: Chrome;
  /** Values to show again (the form coming back with errors). */
  values?: Record<string, string>;
  /** Problems by option name, shown under each field. */
  errors?: Record<string, string>;
  /** A problem that belongs to no field. */
  banner?: string;
}

export function commandForm(options: FormOptions): types.ModalView {
  const { specs, state, chrome } = options;
  const blocks: Block[] = [];
  if (options.banner) blocks.push(section(`:warning: ${escape(options.banner)}`));
  for (const name of askedOptions(specs, state.given)) {
    const spec = specs[name];
    if (!spec) continue;
    blocks.push(inputBlock(name, spec, options.values?.[name]));
    const problem = options.errors?.[name];
    if (problem) blocks.push(context(`:warning: ${escape(problem)}`));
  }
  return {
    type: "modal",
    callback_id: COMMAND_MODAL,
    title: plain(clamp(options.title, limits.viewTitle)),
    submit: plain(clamp(chrome.modalSubmit, limits.viewButton)),
    close: plain(clamp(chrome.modalCancel, limits.viewButton)),
    private_metadata: encodeState(state),
    blocks: blocks.slice(0, limits.viewBlocks),
  };
}

/** A modal that only shows something (the result, "working…"). */
export function messageModal(
  title: string,
  body: MessagePayload,
  chrome: Chrome,
  closeLabel: string = chrome.modalDone,
): types.ModalView {
  return {
    type: "modal",
    callback_id: `${COMMAND_MODAL}:result`,
    title: plain(clamp(title, limits.viewTitle)),
    close: plain(clamp(closeLabel, limits.viewButton)),
    blocks: body.blocks.slice(0, limits.viewBlocks),
  };
}

function plain(text: string): types.PlainTextElement {
  return { type: "plain_text", text, emoji: true };
}

function label(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1).replace(/-/g, " ");
}

function inputBlock(name: string, spec: OptionSpec, initial: string | undefined): types.InputBlock {
  return {
    type: "input",
    block_id: blockId(name),
    optional: !spec.required,
    label: plain(clamp(label(name), limits.inputLabel)),
    hint: plain(clamp(spec.help, limits.inputHint)),
    element: element(spec, initial),
  };
}

function element(spec: OptionSpec, initial: string | undefined): types.InputBlockElement {
  const choices = spec.choices;
  if (
    (spec.kind === "choice" || spec.kind === "boolean") &&
    choices &&
    choices.length > 0 &&
    choices.length <= limits.selectOptions
  ) {
    const options = choices.map((c): types.PlainTextOption => ({
      text: plain(clamp(c, limits.optionText)),
      value: clamp(c, limits.optionValue),
    }));
    const chosen = options.find((o) => o.value === initial?.trim().toLowerCase());
    return {
      type: "static_select",
      action_id: VALUE_ACTION,
      options,
      ...(chosen ? { initial_option: chosen } : {}),
    };
  }
  if (spec.kind === "time") {
    const at = initial ? Date.parse(initial) : Number.NaN;
    return {
      type: "datetimepicker",
      action_id: VALUE_ACTION,
      ...(Number.isFinite(at) ? { initial_date_time: Math.floor(at / 1000) } : {}),
    };
  }
  if (spec.kind === "integer") {
    return {
      type: "number_input",
      action_id: VALUE_ACTION,
      is_decimal_allowed: false,
      ...(initial ? { initial_value: initial } : {}),
    };
  }
  const max = Math.min(spec.maxLength ?? limits.plainTextInputMax, limits.plainTextInputMax);
  return {
    type: "plain_text_input",
    action_id: VALUE_ACTION,
    multiline: spec.kind === "longtext",
    max_length: max,
    ...(initial ? { initial_value: clamp(initial, max) } : {}),
  };
}

export interface StateValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_date_time?: number | null;
}

/** What the person entered, as the raw option strings the engine validates. */
export function readForm(
  values: Record<string, Record<string, StateValue>>,
  specs: OptionSpecs,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(specs)) {
    const v = values[blockId(name)]?.[VALUE_ACTION];
    if (!v) continue;
    let raw: string | null | undefined;
    if (v.type === "static_select") raw = v.selected_option?.value;
    else if (v.type === "datetimepicker")
      raw =
        typeof v.selected_date_time === "number"
          ? new Date(v.selected_date_time * 1000).toISOString()
          : null;
    else raw = v.value;
    if (typeof raw === "string" && raw.trim() !== "") out[name] = raw;
  }
  return out;
}

/**
 * Field problems Slack can show inline (response_action "errors", keyed by
 * block id), and those it cannot because the field is not in the form.
 */
export function inlineErrors(
  fields: Record<string, string>,
  shown: readonly string[],
): { inline: Record<string, string>; other: string[] } {
  const inline: Record<string, string> = {};
  const other: string[] = [];
  for (const [name, problem] of Object.entries(fields)) {
    if (shown.includes(name)) inline[blockId(name)] = clamp(problem, 300);
    else other.push(`${name}: ${problem}`);
  }
  return { inline, other };
}
