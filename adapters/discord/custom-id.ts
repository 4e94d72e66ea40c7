import { formatLine, parseLine } from "../../src/core/commands/grammar.ts";
import { limits } from "./limits.ts";

/**
 * Buttons and modals carry the command they run in their custom_id, written
 * in the shared text grammar: `c:assign id:TS-2611-0001 to:bob` (a button),
 * `m:open channel:hotline` (a modal with the options given so far). When
 * those do not fit Discord's 100 characters, the modal's id is `f:<key>`, a
 * random key to the options stashed in the database for the submission.
 * Nothing is kept in memory between one interaction and the next, so any
 * process (or a serverless HTTP endpoint) can handle the next one. Whoever
 * clicks runs the command as themselves, so a custom_id grants nothing the
 * clicker could not type.
 */
export type CustomIdKind = "c" | "m";

export interface Invocation {
  words: string[];
  options: Record<string, string>;
}

/** The custom_id, or null when it would pass Discord's 100 characters. */
export function encodeCustomId(kind: CustomIdKind, invocation: Invocation): string | null {
  const line = formatLine(invocation.words, invocation.options).replace(/^complaint /, "");
  const id = `${kind}:${line}`;
  return id.length <= limits.customId ? id : null;
}

/** A button's command line (from a Reply action) as a custom_id, or null if too long. */
export function buttonId(commandLine: string): string | null {
  try {
    const parsed = parseLine(commandLine);
    return encodeCustomId("c", { words: parsed.words, options: parsed.options });
  } catch {
    return null;
  }
}

/** The key of a stashed form (`f:<key>`), or null for other ids. */
export function stashKey(id: string): string | null {
  return /^f:[A-Za-z0-9_-]{16,64}$/.test(id) ? id.slice(2) : null;
}

export function decodeCustomId(id: string): { kind: CustomIdKind; invocation: Invocation } | null {
  const kind = id.slice(0, 2);
  if (kind !== "c:" && kind !== "m:") return null;
  try {
    const parsed = parseLine(id.slice(2));
    if (parsed.words.length === 0) return null;
    return {
      kind: kind === "c:" ? "c" : "m",
      invocation: { words: parsed.words, options: { ...parsed.options } },
    };
  } catch {
    return null;
  }
}
