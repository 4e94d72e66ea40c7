/**
 * Slack's Block Kit limits, written down from Slack's reference
 * (https://docs.slack.dev/reference/block-kit/) independently of
 * adapters/slack/limits.ts: the fake Web API refuses what real Slack would
 * refuse (`invalid_blocks`), so the renderer cannot pass by sharing a wrong
 * number with its test.
 */
type Json = Record<string, unknown>;

const MAX = {
  blocks: { message: 50, modal: 100, home: 100 },
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  actionId: 255,
  blockId: 255,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  inputMaxLength: 3000,
  options: 100,
  optionText: 75,
  optionValue: 150,
  title: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
};

export type Surface = "message" | "modal" | "home";

const len = (s: string) => Array.from(s).length;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function text(v: unknown, where: string, max: number, problems: string[], plainOnly = false): void {
  if (!isObj(v) || typeof v["text"] !== "string") {
    problems.push(`${where}: expected a text object`);
    return;
  }
  if (v["type"] !== "plain_text" && (plainOnly || v["type"] !== "mrkdwn")) {
    problems.push(`${where}: text type ${String(v["type"])} not allowed here`);
  }
  const t = v["text"];
  if (len(t) === 0) problems.push(`${where}: empty text`);
  if (len(t) > max) problems.push(`${where}: ${len(t)} characters > ${max}`);
}

function element(el: unknown, where: string, problems: string[], inInput: boolean): void {
  if (!isObj(el)) {
    problems.push(`${where}: not an object`);
    return;
  }
  const id = el["action_id"];
  if (typeof id === "string" && len(id) > MAX.actionId)
    problems.push(`${where}: action_id too long`);
  if (el["placeholder"] !== undefined)
    text(el["placeholder"], `${where}.placeholder`, MAX.placeholder, problems, true);
  switch (el["type"]) {
    case "button": {
      text(el["text"], `${where}.text`, MAX.buttonText, problems, true);
      const value = el["value"];
      if (typeof value === "string" && len(value) > MAX.buttonValue)
        problems.push(`${where}: value too long`);
      const url = el["url"];
      if (typeof url === "string" && len(url) > MAX.url) problems.push(`${where}: url too long`);
      if (el["style"] !== undefined && el["style"] !== "primary" && el["style"] !== "danger") {
        problems.push(`${where}: bad style ${JSON.stringify(el["style"])}`);
      }
      if (inInput) problems.push(`${where}: a button cannot be an input element`);
      return;
    }
    case "static_select": {
      const options = el["options"];
      if (!Array.isArray(options) || options.length === 0) problems.push(`${where}: needs options`);
      else {
        if (options.length > MAX.options)
          problems.push(`${where}: ${options.length} options > ${MAX.options}`);
        options.forEach((o: unknown, i) => {
          if (!isObj(o)) return;
          text(o["text"], `${where}.options[${i}]`, MAX.optionText, problems, true);
          if (typeof o["value"] !== "string" || len(o["value"]) > MAX.optionValue) {
            problems.push(`${where}.options[${i}]: bad value`);
          }
        });
      }
      return;
    }
    case "plain_text_input": {
      const max = el["max_length"];
      if (typeof max === "number" && (max > MAX.inputMaxLength || max < 1)) {
        problems.push(`${where}: max_length ${max} outside 1-${MAX.inputMaxLength}`);
      }
      const initial = el["initial_value"];
      if (typeof initial === "string" && typeof max === "number" && len(initial) > max) {
        problems.push(`${where}: initial_value longer than max_length`);
      }
      return;
    }
    case "datetimepicker":
    case "number_input":
    case "datepicker":
    case "timepicker":
    case "users_select":
      return;
    default:
      problems.push(`${where}: unknown element type ${String(el["type"])}`);
  }
}

export function checkBlocks(blocks: unknown, surface: Surface): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ["blocks: not an array"];
  if (blocks.length > MAX.blocks[surface]) {
    problems.push(`${blocks.length} blocks > ${MAX.blocks[surface]} in a ${surface}`);
  }
  const blockIds = new Set<string>();
  blocks.forEach((b: unknown, i) => {
    const where = `blocks[${i}]`;
    if (!isObj(b)) {
      problems.push(`${where}: not an object`);
      return;
    }
    const blockId = b["block_id"];
    if (typeof blockId === "string") {
      if (len(blockId) > MAX.blockId) problems.push(`${where}: block_id too long`);
      if (blockIds.has(blockId)) problems.push(`${where}: duplicate block_id ${blockId}`);
      blockIds.add(blockId);
    }
    switch (b["type"]) {
      case "section": {
        if (b["text"] === undefined && b["fields"] === undefined)
          problems.push(`${where}: needs text or fields`);
        if (b["text"] !== undefined) text(b["text"], `${where}.text`, MAX.sectionText, problems);
        const fields = b["fields"];
        if (fields !== undefined) {
          if (!Array.isArray(fields) || fields.length === 0) problems.push(`${where}: bad fields`);
          else {
            if (fields.length > MAX.sectionFields)
              problems.push(`${where}: ${fields.length} fields > ${MAX.sectionFields}`);
            fields.forEach((f: unknown, j) =>
              text(f, `${where}.fields[${j}]`, MAX.fieldText, problems),
            );
          }
        }
        if (b["accessory"] !== undefined)
          element(b["accessory"], `${where}.accessory`, problems, false);
        return;
      }
      case "header":
        text(b["text"], `${where}.text`, MAX.headerText, problems, true);
        return;
      case "context": {
        const els = b["elements"];
        if (!Array.isArray(els) || els.length === 0) problems.push(`${where}: needs elements`);
        else {
          if (els.length > MAX.contextElements) problems.push(`${where}: too many elements`);
          els.forEach((e: unknown, j) =>
            text(e, `${where}.elements[${j}]`, MAX.sectionText, problems),
          );
        }
        return;
      }
      case "actions": {
        const els = b["elements"];
        if (!Array.isArray(els) || els.length === 0) problems.push(`${where}: needs elements`);
        else {
          if (els.length > MAX.actionsElements)
            problems.push(`${where}: ${els.length} elements > ${MAX.actionsElements}`);
          const ids = new Set<unknown>();
          els.forEach((e: unknown, j) => {
            element(e, `${where}.elements[${j}]`, problems, false);
            const id = isObj(e) ? e["action_id"] : undefined;
            if (id !== undefined && ids.has(id))
              problems.push(`${where}: duplicate action_id ${JSON.stringify(id)}`);
            ids.add(id);
          });
        }
        return;
      }
      case "input":
        if (surface === "message")
          problems.push(`${where}: input blocks only go in modals and Home`);
        text(b["label"], `${where}.label`, MAX.label, problems, true);
        if (b["hint"] !== undefined) text(b["hint"], `${where}.hint`, MAX.hint, problems, true);
        element(b["element"], `${where}.element`, problems, true);
        return;
      case "divider":
        return;
      default:
        problems.push(`${where}: unknown block type ${String(b["type"])}`);
    }
  });
  return problems;
}

export function checkView(view: unknown): string[] {
  if (!isObj(view)) return ["view: not an object"];
  const problems: string[] = [];
  const type = view["type"];
  if (type !== "modal" && type !== "home") return [`view: unknown type ${String(type)}`];
  if (type === "modal") {
    text(view["title"], "view.title", MAX.title, problems, true);
    if (view["submit"] !== undefined)
      text(view["submit"], "view.submit", MAX.viewButton, problems, true);
    if (view["close"] !== undefined)
      text(view["close"], "view.close", MAX.viewButton, problems, true);
    const hasInput =
      Array.isArray(view["blocks"]) &&
      view["blocks"].some((b: unknown) => isObj(b) && b["type"] === "input");
    if (hasInput && view["submit"] === undefined)
      problems.push("view: inputs need a submit button");
  }
  const meta = view["private_metadata"];
  if (typeof meta === "string" && len(meta) > MAX.privateMetadata)
    problems.push("view: private_metadata too long");
  const cb = view["callback_id"];
  if (typeof cb === "string" && len(cb) > MAX.callbackId)
    problems.push("view: callback_id too long");
  problems.push(...checkBlocks(view["blocks"], type).map((p) => `view.${p}`));
  return problems;
}
