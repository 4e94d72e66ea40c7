import { parseError } from "../errors.ts";
import { msg } from "../i18n/translate.ts";

/**
 * The text grammar every adapter shares:
 *   [/]complaint <word> [<word>] name:value name:"value with spaces" …
 * Values may be quoted with "…" or '…'; inside quotes a backslash escapes the
 * next character. This is a public contract (README, "Text grammar").
 */
export interface ParsedLine {
  words: string[];
  options: Record<string, string>;
  /** Option names in the order given, for error messages. */
  order: string[];
}

const wordPattern = /^[a-z][a-z0-9-]*$/i;
const optionNamePattern = /^[a-z][a-z0-9-]*$/i;

export function parseLine(line: string): ParsedLine {
  const tokens = tokenize(line);
  const words: string[] = [];
  const options: Record<string, string> = Object.create(null) as Record<string, string>;
  const order: string[] = [];
  let index = 0;
  const first = tokens[0];
  if (first && first.name === null && /^\/?complaint$/i.test(first.value)) index = 1;
  for (; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token) continue;
    if (token.name === null) {
      if (order.length > 0 || token.quoted || !wordPattern.test(token.value)) {
        throw parseError(msg("parse.unexpected", { token: token.value }));
      }
      words.push(token.value.toLowerCase());
      continue;
    }
    const name = token.name.toLowerCase();
    if (name in options) {
      throw parseError(msg("parse.twice", { name }));
    }
    options[name] = token.value;
    order.push(name);
  }
  return { words, options, order };
}

interface Token {
  name: string | null;
  value: string;
  quoted: boolean;
}

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = line.length;
  const isSpace = (c: string | undefined) => c === " " || c === "\t";
  while (i < n) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) break;
    const start = i;
    let name: string | null = null;
    // An option name runs up to the first colon, if that colon comes before any quote or space.
    let j = i;
    while (j < n && !isSpace(line[j]) && line[j] !== ":" && line[j] !== '"' && line[j] !== "'") j++;
    if (line[j] === ":" && j > i) {
      const candidate = line.slice(i, j);
      if (optionNamePattern.test(candidate)) {
        name = candidate;
        i = j + 1;
      }
    }
    const quote = line[i];
    if (quote === '"' || quote === "'") {
      let value = "";
      i++;
      let closed = false;
      while (i < n) {
        const c = line[i];
        if (c === "\\" && i + 1 < n) {
          value += line[i + 1];
          i += 2;
          continue;
        }
        if (c === quote) {
          closed = true;
          i++;
          break;
        }
        value += c;
        i++;
      }
      if (!closed) {
        throw parseError(
          name
            ? msg("parse.unclosedValue", { name, quote })
            : msg("parse.unclosedQuote", { quote }),
        );
      }
      if (i < n && !isSpace(line[i])) {
        throw parseError(msg("parse.afterQuote", { text: line.slice(start, i + 1) }));
      }
      tokens.push({ name, value, quoted: true });
      continue;
    }
    let value = "";
    while (i < n && !isSpace(line[i])) {
      value += line[i];
      i++;
    }
    tokens.push({ name, value, quoted: false });
  }
  return tokens;
}

/** Quotes a value so that `parseLine` reads it back unchanged. */
export function quoteValue(value: string): string {
  if (value !== "" && !/[\s"'\\]/.test(value)) return value;
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** Renders words and options back into a command line (for buttons and help). */
export function formatLine(words: readonly string[], options: Record<string, string>): string {
  const parts = ["complaint", ...words];
  for (const [name, value] of Object.entries(options)) parts.push(`${name}:${quoteValue(value)}`);
  return parts.join(" ");
}
