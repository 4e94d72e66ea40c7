import type { types } from "@slack/bolt";
import type { Field, Outcome, ReplyAction, ReplySection } from "../../src/core/reply/reply.ts";
import { clamp, length, limits } from "./limits.ts";
import type { Chrome } from "./text.ts";

/**
 * Block Kit rendering of the core's neutral reply model. Everything a user
 * typed is escaped (no `<!channel>` smuggled in through a complaint), and
 * every text is cut to Slack's limits so a long list never makes Slack
 * refuse the whole message.
 */
export type Block = types.KnownBlock;

export interface MessagePayload {
  /** Fallback text: notifications, screen readers, clients without blocks. */
  text: string;
  blocks: Block[];
}

/** Slack mrkdwn needs only these three escaped (https://docs.slack.dev/messaging/formatting-message-text). */
export function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export const section = (mrkdwn: string): types.SectionBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: clamp(mrkdwn, limits.sectionText) },
});

export const context = (mrkdwn: string): types.ContextBlock => ({
  type: "context",
  elements: [{ type: "mrkdwn", text: clamp(mrkdwn, limits.sectionText) }],
});

export const header = (text: string): types.HeaderBlock => ({
  type: "header",
  text: { type: "plain_text", text: clamp(text, limits.headerText), emoji: true },
});

/** Fields in sections of at most ten, each "*label*\nvalue". */
export function fieldSections(fields: readonly Field[]): types.SectionBlock[] {
  const out: types.SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += limits.sectionFields) {
    out.push({
      type: "section",
      fields: fields.slice(i, i + limits.sectionFields).map((f) => ({
        type: "mrkdwn",
        text: clamp(`*${escape(f.label)}*\n${escape(f.value)}`, limits.sectionFieldText),
      })),
    });
  }
  return out;
}

/** A heading and its lines, split over as many sections as the 3000-character limit needs. */
export function linesSections(heading: string | null, lines: readonly string[]): Block[] {
  const out: Block[] = [];
  let current = heading ? `*${escape(heading)}*` : "";
  for (const raw of lines) {
    const line = clamp(escape(raw), limits.sectionText - 10);
    const next = current ? `${current}\n${line}` : line;
    if (length(next) > limits.sectionText) {
      out.push(section(current));
      current = line;
    } else current = next;
  }
  if (current) out.push(section(current));
  return out;
}

/** The `action_id` prefix of every button that runs a command line. */
export const RUN_ACTION_PREFIX = "run:";

/**
 * Buttons from `ReplyAction`s: the value is the command line the button
 * runs, as the person who presses it. A line too long for a button value is
 * left out rather than cut (a cut command is a different command).
 */
export function buttonRows(actions: readonly ReplyAction[]): types.ActionsBlock[] {
  const buttons: types.Button[] = [];
  actions.forEach((a, i) => {
    if (length(a.command) > limits.buttonValue) return;
    buttons.push({
      type: "button",
      action_id: clamp(`${RUN_ACTION_PREFIX}${i}:${a.id}`, limits.actionId),
      text: { type: "plain_text", text: clamp(a.label, limits.buttonText), emoji: true },
      value: a.command,
      ...(a.style ? { style: a.style } : {}),
    });
  });
  const rows: types.ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += limits.actionsElements) {
    rows.push({ type: "actions", elements: buttons.slice(i, i + limits.actionsElements) });
  }
  return rows;
}

/**
 * Keeps `content` within `max` blocks together with `tail` (buttons stay),
 * replacing what does not fit by a note saying how much was left out.
 */
export function fit(content: Block[], tail: Block[], max: number, chrome: Chrome): Block[] {
  const room = max - tail.length;
  if (content.length <= room) return [...content, ...tail];
  const kept = content.slice(0, Math.max(0, room - 1));
  return [...kept, context(chrome.truncated(content.length - kept.length)), ...tail];
}

export interface RenderOptions {
  chrome: Chrome;
  /** 50 for messages, 100 for modals and the Home tab. */
  maxBlocks: number;
  /** Leave buttons out (e.g. a result already acted on). */
  withoutActions?: boolean;
}

/** A line of our own or of the core as a whole message, escaped. */
export function plainMessage(text: string): MessagePayload {
  return { text: clamp(escape(text), limits.messageText), blocks: [section(escape(text))] };
}

/** A command's outcome as a message or view body. */
export function renderOutcome(outcome: Outcome, options: RenderOptions): MessagePayload {
  if (!outcome.ok) {
    const fields = outcome.error.details?.fields;
    const blocks: Block[] = [
      section(`:warning: *${outcome.error.code}*: ${escape(outcome.error.message)}`),
    ];
    if (fields && Object.keys(fields).length > 1) {
      blocks.push(
        ...linesSections(
          null,
          Object.entries(fields).map(([name, problem]) => `• ${name}: ${problem}`),
        ),
      );
    }
    return {
      text: clamp(escape(outcome.text), limits.messageText),
      blocks: fit(blocks, [], options.maxBlocks, options.chrome),
    };
  }
  const content: Block[] = [];
  if (outcome.title) content.push(header(outcome.title));
  content.push(section(escape(outcome.text)));
  if (outcome.fields?.length) content.push(...fieldSections(outcome.fields));
  for (const s of outcome.sections ?? []) content.push(...renderSection(s));
  const tail = options.withoutActions ? [] : buttonRows(outcome.actions ?? []);
  return {
    text: clamp(escape(outcome.text), limits.messageText),
    blocks: fit(content, tail, options.maxBlocks, options.chrome),
  };
}

function renderSection(s: ReplySection): Block[] {
  return linesSections(s.heading, s.lines);
}
