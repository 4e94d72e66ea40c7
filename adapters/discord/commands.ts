import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  type APIChatInputApplicationCommandInteractionData,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { AnyCommand } from "../../src/core/commands/command.ts";
import { localizedHelp, localizedSummary } from "../../src/core/commands/localize.ts";
import { msg, translator, type Locale } from "../../src/core/i18n/translate.ts";
import type { OptionSpec, OptionSpecs } from "../../src/core/commands/options.ts";
import type { Invocation } from "./custom-id.ts";
import { clip, limits, namePattern } from "./limits.ts";
import { modalFields } from "./modal.ts";

/** What the builder reads: the engine's registry (Engine satisfies it). */
export interface CommandSource {
  readonly commands: readonly AnyCommand[];
  optionSpecs(command: AnyCommand): OptionSpecs;
}

/** The one top-level command; every core command is a subcommand of it. */
export const ROOT_COMMAND = "complaint";

export class CommandShapeError extends Error {
  override readonly name = "CommandShapeError";
  readonly code = "E_DISCORD_COMMAND_SHAPE";
}

/**
 * The languages besides English (the default description) that slash commands
 * are described in, by Discord locale code. Names and choice values stay
 * English: they are the command grammar.
 */
const describedLocales: readonly { ours: Locale; discord: string }[] = [
  { ours: "zh-CN", discord: "zh-CN" },
];

type Localizations = Record<string, string>;

/** `description_localizations` for a text, clipped like the default; omitted when none differs. */
function localize(
  text: (locale: Locale) => string,
  fallback: string,
  max: number,
): { description_localizations?: Localizations } {
  const entries = describedLocales
    .map(({ ours, discord }) => [discord, clip(describe(text(ours), fallback), max)] as const)
    .filter(([, value]) => value !== clip(describe(text("en"), fallback), max));
  return entries.length === 0 ? {} : { description_localizations: Object.fromEntries(entries) };
}

/** Kinds answered from the database as the member types. */
const autocompleteKinds = new Set(["complaint", "staff"]);

/** Discord's cap on the names, descriptions and choices of one command, all levels together. */
export const COMMAND_CHARACTER_BUDGET = 8000;

interface Shape {
  /** Options (by "command option") offered by autocomplete instead of static choices. */
  choicesAsAutocomplete: Set<string>;
  optionDescriptionMax: number;
}

/**
 * `/complaint …` rendered from the registry: "open" becomes a subcommand,
 * "staff add" a subcommand `add` in the group `staff`. A name Discord would
 * refuse fails here, loudly, rather than at registration time.
 *
 * Discord caps a command at 8000 characters of names, descriptions and
 * choices. When the registry outgrows that, static choice lists turn into
 * autocomplete (largest first; the member sees the same list, filtered as
 * they type), then option descriptions are shortened step by step; only if
 * that is not enough does building fail.
 */
export function buildCommands(
  source: CommandSource,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const shape: Shape = {
    choicesAsAutocomplete: new Set(),
    optionDescriptionMax: limits.description,
  };
  let root = buildRoot(source, shape);
  const lists = choiceLists(source).sort((a, b) => b.size - a.size);
  while (commandSize(root) > COMMAND_CHARACTER_BUDGET) {
    const next = lists.shift();
    if (next) shape.choicesAsAutocomplete.add(next.key);
    else if (shape.optionDescriptionMax > 40) shape.optionDescriptionMax -= 10;
    else {
      throw new CommandShapeError(
        `/${ROOT_COMMAND} needs ${commandSize(root)} characters even with short descriptions; Discord allows ${COMMAND_CHARACTER_BUDGET}`,
      );
    }
    root = buildRoot(source, shape);
  }
  return [root];
}

function buildRoot(
  source: CommandSource,
  shape: Shape,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const top: APIApplicationCommandOption[] = [];
  const groups = new Map<string, APIApplicationCommandSubcommandOption[]>();
  for (const command of source.commands) {
    const words = command.name.split(" ");
    const sub = subcommand(command, source.optionSpecs(command), shape);
    if (words.length === 1) {
      top.push(sub);
    } else if (words.length === 2 && words[0]) {
      const list = groups.get(words[0]) ?? [];
      if (list.length === 0) groups.set(words[0], list);
      list.push({ ...sub, name: checkName(words[1] ?? "", command.name) });
    } else {
      throw new CommandShapeError(`command "${command.name}" has more than two words`);
    }
  }
  for (const [group, subs] of groups) {
    if (top.some((o) => o.name === group)) {
      throw new CommandShapeError(`"${group}" is both a command and a command group`);
    }
    top.push({
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: checkName(group, group),
      description: clip(`${group}: ${subs.map((s) => s.name).join(", ")}`, limits.description),
      options: subs,
    });
  }
  if (top.length > limits.optionsPerCommand) {
    throw new CommandShapeError(
      `${top.length} subcommands and groups; Discord allows ${limits.optionsPerCommand}`,
    );
  }
  return {
    type: ApplicationCommandType.ChatInput,
    name: ROOT_COMMAND,
    description: describe(rootSummary("en"), ROOT_COMMAND),
    ...localize(rootSummary, ROOT_COMMAND, limits.description),
    options: top,
  };
}

function subcommand(
  command: AnyCommand,
  specs: OptionSpecs,
  shape: Shape,
): APIApplicationCommandSubcommandOption {
  const inModal = new Set(modalFields(specs));
  const options = Object.entries(specs).map(([name, spec]) =>
    option(checkName(name, command.name), spec, {
      required: spec.required && !inModal.has(name),
      choices: !shape.choicesAsAutocomplete.has(`${command.name} ${name}`),
      descriptionMax: shape.optionDescriptionMax,
    }),
  );
  if (options.length > limits.optionsPerCommand) {
    throw new CommandShapeError(
      `complaint ${command.name} has ${options.length} options; Discord allows ${limits.optionsPerCommand}`,
    );
  }
  // Discord wants required options first.
  options.sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: checkName(command.name.split(" ")[0] ?? "", command.name),
    description: describe(command.summary, command.name),
    ...localize((locale) => localizedSummary(command, locale), command.name, limits.description),
    options,
  };
}

function option(
  name: string,
  spec: OptionSpec,
  how: { required: boolean; choices: boolean; descriptionMax: number },
): APIApplicationCommandBasicOption {
  const base = {
    name,
    description: clip(describe(spec.help, name), how.descriptionMax),
    ...localize((locale) => localizedHelp(spec, locale), name, how.descriptionMax),
    required: how.required,
  };
  if (spec.kind === "boolean") return { ...base, type: ApplicationCommandOptionType.Boolean };
  if (spec.kind === "integer") return { ...base, type: ApplicationCommandOptionType.Integer };
  const string = {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(spec.maxLength ? { max_length: Math.min(spec.maxLength, limits.stringOptionLength) } : {}),
  } as const;
  const choices = spec.choices ?? [];
  if (
    how.choices &&
    spec.kind === "choice" &&
    choices.length > 0 &&
    choices.length <= limits.choices
  ) {
    return {
      ...string,
      choices: choices.map((c) => ({
        name: clip(c, limits.choiceName),
        value: checkChoice(c, name),
      })),
    };
  }
  // Past 25 choices Discord takes none at all: autocomplete offers them instead.
  if (autocompleteKinds.has(spec.kind) || spec.kind === "choice") {
    return { ...string, autocomplete: true };
  }
  return string;
}

/** Static choice lists, by "command option", with the characters they cost. */
function choiceLists(source: CommandSource): { key: string; size: number }[] {
  const lists: { key: string; size: number }[] = [];
  for (const command of source.commands) {
    for (const [name, spec] of Object.entries(source.optionSpecs(command))) {
      const choices = spec.choices ?? [];
      if (spec.kind !== "choice" || choices.length === 0 || choices.length > limits.choices)
        continue;
      lists.push({
        key: `${command.name} ${name}`,
        size: choices.reduce((n, c) => n + 2 * c.length, 0),
      });
    }
  }
  return lists;
}

/**
 * What Discord counts towards the 8000: every name, description and choice, at
 * all levels. Of a localized field only its longest version counts (default
 * included), so descriptions in another language cost only where they are longer.
 */
export function commandSize(node: {
  name: string;
  description?: string;
  description_localizations?: Readonly<Record<string, string | null>> | null;
  options?: readonly unknown[];
  choices?: readonly { name: string; value: string | number }[];
}): number {
  const len = (s: string | null | undefined) => (s ? Array.from(s).length : 0);
  const longest = Math.max(
    len(node.description),
    ...Object.values(node.description_localizations ?? {}).map(len),
  );
  let n = len(node.name) + longest;
  for (const c of node.choices ?? []) n += len(c.name) + len(String(c.value));
  for (const o of node.options ?? []) n += commandSize(o as Parameters<typeof commandSize>[0]);
  return n;
}

function rootSummary(locale: Locale): string {
  return translator(locale).render(msg("cmd.root"));
}

function describe(text: string, fallback: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clip(clean === "" ? fallback : clean, limits.description);
}

function checkName(name: string, where: string): string {
  if (!namePattern.test(name) || name !== name.toLowerCase()) {
    throw new CommandShapeError(
      `"${name}" (in complaint ${where}) is not a valid Discord name: lower-case letters, digits, "-" or "_", 1-32 characters`,
    );
  }
  return name;
}

function checkChoice(value: string, option: string): string {
  if (value.length > limits.choiceValue) {
    throw new CommandShapeError(
      `choice "${value}" of ${option} is longer than ${limits.choiceValue}`,
    );
  }
  return value;
}

/**
 * The words and raw option strings of a slash command, as Engine.run takes
 * them: booleans become yes/no, numbers their decimal text.
 */
export function readInvocation(data: APIChatInputApplicationCommandInteractionData): Invocation {
  const words: string[] = [];
  let options: readonly APIApplicationCommandInteractionDataOption[] = data.options ?? [];
  for (;;) {
    const first = options[0];
    if (
      first &&
      (first.type === ApplicationCommandOptionType.Subcommand ||
        first.type === ApplicationCommandOptionType.SubcommandGroup)
    ) {
      words.push(first.name);
      options = first.options ?? [];
      continue;
    }
    break;
  }
  const values: Record<string, string> = {};
  for (const o of options) {
    if (!("value" in o)) continue;
    const v = o.value;
    values[o.name] = typeof v === "boolean" ? (v ? "yes" : "no") : String(v);
  }
  return { words, options: values };
}
