import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  type APIMessageTopLevelComponent,
} from "discord.js";
import type { ComplaintView } from "../../src/core/complaint/view.ts";
import type { Notification } from "../../src/core/notifications/notification.ts";
import type { Field, Outcome, ReplyAction } from "../../src/core/reply/reply.ts";
import { buttonId } from "./custom-id.ts";
import { clip, limits } from "./limits.ts";

/**
 * The neutral Reply / Notification model as Discord messages: one embed
 * (title, text, fields, sections), buttons from `actions` (five to a row),
 * and nobody pinged by what users typed. Everything is clipped to Discord's
 * limits; an action whose command is too long for a button's custom_id is
 * shown as text to type instead.
 */
export interface DiscordMessage {
  body: {
    content?: string;
    embeds?: APIEmbed[];
    components?: APIMessageTopLevelComponent[];
    allowed_mentions: { parse: [] };
    attachments?: { id: string; filename: string }[];
  };
  files?: { name: string; data: Buffer; contentType: string }[];
}

const color = {
  general: 0x5865f2,
  complex: 0xfee75c,
  major: 0xe67e22,
  egregious: 0xed4245,
  closed: 0x95a5a6,
  error: 0xed4245,
} as const;

const noMentions = { parse: [] as [] };

export function outcomeMessage(outcome: Outcome): DiscordMessage {
  if (!outcome.ok) return errorMessage(outcome.text, outcome.error.details?.fields);
  const { rows, typed } = actionRows(outcome.actions ?? []);
  const sections = (outcome.sections ?? []).map((s) => `**${s.heading}**\n${s.lines.join("\n")}`);
  const description = [outcome.title ? outcome.text : null, ...sections, ...typed]
    .filter((s): s is string => s !== null && s !== "")
    .join("\n\n");
  const embed = fitEmbed({
    title: clip(outcome.title ?? outcome.text, limits.embedTitle),
    ...(description ? { description } : {}),
    fields: toFields(outcome.fields ?? []),
    ...(outcome.complaint ? { color: complaintColor(outcome.complaint) } : {}),
  });
  const message: DiscordMessage = {
    body: { embeds: [embed], components: rows, allowed_mentions: noMentions },
  };
  if (outcome.attachment) {
    const a = outcome.attachment;
    message.body.attachments = [{ id: "0", filename: a.filename }];
    message.files = [
      { name: a.filename, data: Buffer.from(a.content, "utf8"), contentType: a.contentType },
    ];
  }
  return message;
}

/** An error the member can act on: the code, the message, and each bad option. */
export function errorMessage(text: string, fields?: Record<string, string>): DiscordMessage {
  const lines = [`⚠️ ${text}`];
  const bad = Object.entries(fields ?? {});
  if (bad.length > 1) for (const [name, problem] of bad) lines.push(`• \`${name}\`: ${problem}`);
  return {
    body: { content: clip(lines.join("\n"), limits.content), allowed_mentions: noMentions },
  };
}

/** Plain text (the adapter's own notices). */
export function textMessage(text: string): DiscordMessage {
  return { body: { content: clip(text, limits.content), allowed_mentions: noMentions } };
}

/**
 * The card that stands for a complaint in a team channel: status, every
 * field the core lists for it (deadlines included once the core adds them),
 * and buttons anyone on the team may press.
 */
export function cardMessage(
  view: ComplaintView,
  fields: Field[],
  actions: ReplyAction[],
  statusLabel: string,
): DiscordMessage {
  const { rows, typed } = actionRows(actions);
  const embed = fitEmbed({
    title: clip(`${view.number} · ${statusLabel}`, limits.embedTitle),
    description: [clip(view.content, 1000), ...typed].join("\n\n"),
    fields: toFields(fields.filter((f) => f.label !== "Content")),
    color: complaintColor(view),
    footer: { text: `version ${view.version}` },
    timestamp: view.updatedAt,
  });
  return { body: { embeds: [embed], components: rows, allowed_mentions: noMentions } };
}

/** A DM or a channel alert, with its buttons (approvals, "Details"). */
export function notificationMessage(n: Notification, extra: ReplyAction[] = []): DiscordMessage {
  const { rows, typed } = actionRows([...(n.actions ?? []), ...extra]);
  const content = [n.urgent ? `🚨 ${n.text}` : n.text, ...typed].join("\n");
  return {
    body: {
      content: clip(content, limits.content),
      components: rows,
      allowed_mentions: noMentions,
    },
  };
}

export function actionRows(actions: readonly ReplyAction[]): {
  rows: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  typed: string[];
} {
  const buttons: APIButtonComponentWithCustomId[] = [];
  const typed: string[] = [];
  const seen = new Set<string>();
  for (const action of actions) {
    const id = buttonId(action.command);
    if (!id || buttons.length >= limits.rows * limits.buttonsPerRow) {
      typed.push(`${action.label}: \`${action.command}\``);
      continue;
    }
    // Discord refuses two components with one custom_id in a message.
    if (seen.has(id)) continue;
    seen.add(id);
    buttons.push({
      type: ComponentType.Button,
      custom_id: id,
      label: clip(action.label, limits.buttonLabel),
      style:
        action.style === "danger"
          ? ButtonStyle.Danger
          : action.style === "primary"
            ? ButtonStyle.Primary
            : ButtonStyle.Secondary,
    });
  }
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < buttons.length; i += limits.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(i, i + limits.buttonsPerRow),
    });
  }
  return { rows, typed };
}

function toFields(fields: readonly Field[]): APIEmbedField[] {
  return fields.slice(0, limits.embedFields).map((f) => ({
    name: clip(f.label || "·", limits.fieldName),
    value: clip(f.value || "—", limits.fieldValue),
    inline: f.value.length <= 40 && !f.value.includes("\n"),
  }));
}

function complaintColor(view: ComplaintView): number {
  if (view.status === "closed" || view.status === "invalid") return color.closed;
  return color[view.severity];
}

/** Characters Discord counts towards the 6000 of a message's embeds. */
export function embedSize(e: APIEmbed): number {
  const len = (s: string | undefined) => (s ? Array.from(s).length : 0);
  return (
    len(e.title) +
    len(e.description) +
    len(e.footer?.text) +
    len(e.author?.name) +
    (e.fields ?? []).reduce((n, f) => n + len(f.name) + len(f.value), 0)
  );
}

/** Drops trailing fields, then shortens the description, until the embed fits. */
function fitEmbed(embed: APIEmbed): APIEmbed {
  const e: APIEmbed = {
    ...embed,
    ...(embed.description !== undefined
      ? { description: clip(embed.description, limits.embedDescription) }
      : {}),
    fields: [...(embed.fields ?? [])],
  };
  while (embedSize(e) > limits.embedTotal && (e.fields?.length ?? 0) > 0) e.fields?.pop();
  const over = embedSize(e) - limits.embedTotal;
  if (over > 0 && e.description) {
    e.description = clip(e.description, Math.max(1, Array.from(e.description).length - over));
  }
  if (e.fields?.length === 0) delete e.fields;
  return e;
}
