// Discord's limits that its OpenAPI description does not encode, checked on
// every body the fake receives (developer docs: Application Commands,
// Message Resource "Embed Limits", Component Reference, Interactions).

import { availableLocales } from "./openapi.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const len = (v: unknown) => Array.from(str(v)).length;

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

const LOCALES = availableLocales();

/**
 * A description's problems and what it costs: "when localization fields are
 * present, only the longest localization for each field (including the
 * default value) is counted towards the size limit".
 */
function description(o: Obj, where: string, out: string[]): number {
  if (len(o.description) < 1 || len(o.description) > 100)
    out.push(`${where}: description must be 1-100 characters`);
  let longest = len(o.description);
  const localized = o.description_localizations;
  if (localized === undefined || localized === null) return longest;
  if (!isObj(localized)) {
    out.push(`${where}: description_localizations must be an object`);
    return longest;
  }
  for (const [locale, text] of Object.entries(localized)) {
    if (!LOCALES.has(locale)) out.push(`${where}: ${locale} is not a Discord locale`);
    if (len(text) < 1 || len(text) > 100)
      out.push(`${where}: description (${locale}) must be 1-100 characters`);
    longest = Math.max(longest, len(text));
  }
  return longest;
}

/** Problems of one application command (a PUT body holds an array of them). */
export function commandProblems(command: unknown, at = "command"): string[] {
  const out: string[] = [];
  if (!isObj(command)) return [`${at}: not an object`];
  let total = 0;
  const walk = (o: Obj, where: string, depth: number) => {
    const name = str(o.name);
    total += len(o.name) + description(o, where, out);
    if (!NAME.test(name) || name !== name.toLowerCase())
      out.push(
        `${where}: name ${JSON.stringify(name)} must match ^[-_\\p{L}\\p{N}]{1,32}$ in lower case`,
      );
    const options = arr(o.options).filter(isObj);
    if (options.length > 25) out.push(`${where}: ${options.length} options, more than 25`);
    const names = options.map((x) => str(x.name));
    if (new Set(names).size !== names.length) out.push(`${where}: duplicate option names`);
    let optionalSeen = false;
    for (const opt of options) {
      const w = `${where}.${str(opt.name)}`;
      const type = opt.type;
      if (type === 1 || type === 2) {
        if (depth >= 2) out.push(`${w}: subcommands nest at most two levels`);
        if (opt.required !== undefined) out.push(`${w}: subcommands take no "required"`);
        if (type === 2 && arr(opt.options).some((x) => isObj(x) && x.type !== 1))
          out.push(`${w}: a group holds only subcommands`);
        walk(opt, w, depth + 1);
        continue;
      }
      total += len(opt.name) + description(opt, w, out);
      if (!NAME.test(str(opt.name)) || str(opt.name) !== str(opt.name).toLowerCase())
        out.push(`${w}: invalid option name`);
      if (opt.required === true && optionalSeen)
        out.push(`${w}: required option after an optional one`);
      if (opt.required !== true) optionalSeen = true;
      const choices = arr(opt.choices).filter(isObj);
      if (choices.length > 25) out.push(`${w}: ${choices.length} choices, more than 25`);
      if (choices.length > 0 && opt.autocomplete === true)
        out.push(`${w}: choices and autocomplete exclude each other`);
      for (const c of choices) {
        total += len(c.name) + len(String(c.value));
        if (len(c.name) < 1 || len(c.name) > 100)
          out.push(`${w}: choice name must be 1-100 characters`);
        if (typeof c.value === "string" && len(c.value) > 100)
          out.push(`${w}: choice value longer than 100`);
      }
      if (typeof opt.max_length === "number" && (opt.max_length < 1 || opt.max_length > 6000))
        out.push(`${w}: max_length must be 1-6000`);
    }
  };
  walk(command, `${at}(${str(command.name)})`, 0);
  // "Combined sum of all characters … in a command (name, description, options, choices) ≤ 8000."
  if (total > 8000)
    out.push(`${at}: ${total} characters in names, descriptions and choices, more than 8000`);
  return out;
}

/** Problems of a message body (content, embeds, components). */
export function messageProblems(body: unknown, at = "message"): string[] {
  const out: string[] = [];
  if (!isObj(body)) return out;
  if (len(body.content) > 2000) out.push(`${at}.content: more than 2000 characters`);
  const embeds = arr(body.embeds).filter(isObj);
  let total = 0;
  for (const e of embeds) {
    total += len(e.title) + len(e.description);
    total += len(isObj(e.footer) ? e.footer.text : "") + len(isObj(e.author) ? e.author.name : "");
    for (const f of arr(e.fields).filter(isObj)) total += len(f.name) + len(f.value);
    if (arr(e.fields).length > 25) out.push(`${at}: more than 25 embed fields`);
  }
  if (total > 6000) out.push(`${at}: embeds hold ${total} characters, more than 6000`);
  const rows = arr(body.components).filter(isObj);
  if (rows.length > 5) out.push(`${at}: ${rows.length} action rows, more than 5`);
  const ids: string[] = [];
  for (const row of rows) {
    const items = arr(row.components).filter(isObj);
    if (row.type === 1 && items.length > 5)
      out.push(`${at}: ${items.length} buttons in a row, more than 5`);
    for (const c of items) {
      if (typeof c.custom_id === "string") ids.push(c.custom_id);
      if (c.type === 2 && c.style !== 5 && !c.custom_id)
        out.push(`${at}: a button without custom_id`);
      if (c.type === 2 && !c.label && !c.emoji) out.push(`${at}: a button without label`);
    }
  }
  if (new Set(ids).size !== ids.length) out.push(`${at}: duplicate custom_id in one message`);
  return out;
}

/** Problems of an interaction callback (type 4/5/7 messages, 8 choices, 9 modals). */
export function callbackProblems(body: unknown): string[] {
  if (!isObj(body)) return ["callback: not an object"];
  const data = body.data;
  if (body.type === 9 && isObj(data)) {
    const out: string[] = [];
    const comps = arr(data.components).filter(isObj);
    if (comps.length < 1 || comps.length > 5)
      out.push(`modal: ${comps.length} components, Discord allows 1-5`);
    if (len(data.title) > 45) out.push("modal: title longer than 45");
    for (const c of comps) {
      const input = c.type === 18 ? c.component : arr(c.components)[0];
      if (c.type === 18 && len(c.label) > 45) out.push("modal: label longer than 45");
      if (isObj(input) && typeof input.max_length === "number" && input.max_length > 4000)
        out.push("modal: max_length above 4000");
    }
    return out;
  }
  if (body.type === 8 && isObj(data)) {
    return arr(data.choices).length > 25 ? ["autocomplete: more than 25 choices"] : [];
  }
  return isObj(data) ? messageProblems(data, "callback.data") : [];
}
