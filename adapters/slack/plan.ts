import type { AnyCommand } from "../../src/core/commands/command.ts";
import { parseLine } from "../../src/core/commands/grammar.ts";
import type { OptionSpecs } from "../../src/core/commands/options.ts";
import { validateOptions } from "../../src/core/engine.ts";
import { isComplaintError } from "../../src/core/errors.ts";
import type { CommandRunner } from "./backend.ts";
import { ACTOR_TOKEN } from "./card.ts";

/**
 * Whether a command line can run as it is, or needs a form first: a line
 * that only lacks required options (`/complaint open`, the Resolve button's
 * `complaint resolve id:…`) opens a modal for them. Pure, so it runs before
 * the ack deadline and the trigger_id is still fresh for views.open.
 */
export type Plan =
  | { kind: "run" }
  | {
      kind: "form";
      command: AnyCommand;
      specs: OptionSpecs;
      words: string[];
      given: Record<string, string>;
    };

export function planLine(engine: CommandRunner, line: string, options: { strict: boolean }): Plan {
  let words: string[];
  let given: Record<string, string>;
  let command: AnyCommand;
  let specs: OptionSpecs;
  try {
    const parsed = parseLine(line);
    ({ command, specs } = engine.resolve(parsed.words));
    words = parsed.words;
    given = { ...parsed.options };
  } catch {
    // Unparseable or unknown: the engine says what is wrong.
    return { kind: "run" };
  }
  const missing = Object.entries(specs).filter(([name, s]) => s.required && !(name in given));
  if (missing.length === 0) return { kind: "run" };
  if (options.strict) {
    // Typed text with other mistakes gets every problem named at once, as in the console.
    try {
      validateOptions(command, specs, given);
    } catch (error) {
      const fields = isComplaintError(error) ? error.details?.fields : undefined;
      if (!fields || Object.values(fields).some((problem) => problem !== "missing")) {
        return { kind: "run" };
      }
    }
  }
  return { kind: "form", command, specs, words, given };
}

/** The command a line names, if it parses (for what to do after it ran). */
export function commandOf(engine: CommandRunner, line: string): AnyCommand | null {
  try {
    return engine.resolve(parseLine(line).words).command;
  } catch {
    return null;
  }
}

const actorToken = new RegExp(`(^|\\s)([a-z][a-z0-9-]*):${ACTOR_TOKEN}(?=\\s|$)`, "gi");

/** Puts the presser's staff id where a card's command line says "@me". */
export function bindActor(line: string, staffId: string): string {
  return line.replace(
    actorToken,
    (_m, space: string, name: string) => `${space}${name}:${staffId}`,
  );
}

export function bindActorOptions(
  options: Record<string, string>,
  staffId: string,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(options).map(([k, v]) => [k, v === ACTOR_TOKEN ? staffId : v]),
  );
}

/**
 * Slash command text arrives with Slack's escaping ("Escape channels, users
 * and links" in the manifest): `<@U123|bob>`, `<mailto:a@b.cn|a@b.cn>`,
 * `&amp;`. The grammar wants what the person typed.
 */
export function unescapeSlackText(text: string): string {
  return text
    .replace(/<([@#])([A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, _sigil: string, id: string) => id)
    .replace(/<mailto:[^|>]+\|([^>]+)>/g, "$1")
    .replace(/<mailto:([^>]+)>/g, "$1")
    .replace(/<((?:https?|tel):[^|>]+)\|([^>]+)>/g, "$2")
    .replace(/<((?:https?|tel):[^>]+)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
