import { Routes, type REST, type RESTPostAPIChannelMessageResult } from "discord.js";
import type { App } from "../../src/app.ts";
import { canTransition, describeStatus, isOpen } from "../../src/core/complaint/lifecycle.ts";
import { parseLine } from "../../src/core/commands/grammar.ts";
import { complaintFields } from "../../src/core/complaint/present.ts";
import type { ComplaintView } from "../../src/core/complaint/view.ts";
import type { ReplyAction } from "../../src/core/reply/reply.ts";
import type { Logger } from "../../src/logging.ts";
import { chatLocale, type ChatLocale } from "./locale.ts";
import { clip, limits } from "./limits.ts";
import { t } from "./messages.ts";
import { completesInModal } from "./modal.ts";
import { cardMessage, textMessage } from "./render.ts";

/**
 * Every complaint has one card: a message in its team's channel, edited in
 * place as the complaint moves, with a thread under it where each change is
 * written. One thread per complaint, never one channel (Discord caps a guild
 * at 500 channels). The card's id lives in chat_message.
 */
export type CardApp = Pick<App, "chatMessages" | "complaintSummary" | "policy" | "engine">;

export interface CardKeeperOptions {
  app: CardApp;
  rest: REST;
  /** Team channel reference → channel id (DISCORD_CHANNELS). */
  channels: Record<string, string>;
  logger: Logger;
}

export interface CardChange {
  number: string;
  actorId: string;
  /** What happened, one line (the reply's text); null: nothing changed (show). */
  text: string | null;
  /** Where the command ran: the card goes there when the team has no mapped channel. */
  fallbackChannel: string | null;
}

export class CardKeeper {
  constructor(private readonly options: CardKeeperOptions) {}

  /** Posts the card if the complaint has none, else edits it and writes the change in its thread. */
  async sync(change: CardChange): Promise<void> {
    const { app, rest, logger } = this.options;
    const view = await app.complaintSummary(change.number);
    if (!view) return;
    // A card is shared: it speaks the company's language (the policy's), not the presser's.
    const locale = chatLocale(app.policy.locale);
    const message = this.render(view, locale);
    const ref = await app.chatMessages.get("discord", view.number);
    if (!ref) {
      const channel = this.options.channels[view.department ?? ""] ?? change.fallbackChannel;
      if (!channel) {
        logger.info({ complaint: view.number }, "discord: no channel for the card; none posted");
        return;
      }
      const posted = (await rest.post(Routes.channelMessages(channel), {
        body: message.body,
      })) as RESTPostAPIChannelMessageResult;
      let thread: string | null = null;
      try {
        const created = (await rest.post(Routes.threads(channel, posted.id), {
          body: {
            name: clip(`${view.number} · ${view.channel}`, limits.threadName),
            auto_archive_duration: 10080,
          },
        })) as { id: string };
        thread = created.id;
      } catch (error) {
        logger.warn(
          { err: error, complaint: view.number },
          "discord: could not start the card's thread",
        );
      }
      await app.chatMessages.put("discord", view.number, {
        channelRef: channel,
        messageRef: posted.id,
        threadRef: thread,
      });
      return;
    }
    await rest.patch(Routes.channelMessage(ref.channelRef, ref.messageRef), { body: message.body });
    if (change.text && ref.threadRef) {
      await rest.post(Routes.channelMessages(ref.threadRef), {
        body: textMessage(t(locale, "cardUpdated", change.actorId, change.text)).body,
      });
    }
  }

  private render(view: ComplaintView, locale: ChatLocale) {
    const tz = this.options.app.policy.timezone;
    const actions = cardActions(view, locale).filter((a) => this.runnable(a.command));
    return cardMessage(view, complaintFields(view, tz), actions, describeStatus(view.status));
  }

  /** A card button must be able to finish its command (with a modal at most). */
  private runnable(line: string): boolean {
    try {
      const { words, options } = parseLine(line);
      return completesInModal(this.options.app.engine.resolve(words).specs, options);
    } catch {
      return false;
    }
  }
}

/**
 * Buttons on a shared card must suit whoever presses them, so they name no
 * person: details, a note, and the result while the case can be resolved.
 * Each opens the command's own modal where text is needed; the engine
 * checks the presser's permissions as for a typed command.
 */
export function cardActions(view: ComplaintView, locale: ChatLocale): ReplyAction[] {
  const id = view.number;
  const actions: ReplyAction[] = [
    { id: "details", label: t(locale, "details"), command: `complaint show id:${id}` },
  ];
  if (isOpen(view.status) && view.status !== "invalid") {
    actions.push({ id: "note", label: t(locale, "addNote"), command: `complaint note id:${id}` });
  }
  if (canTransition("resolve", view.status)) {
    actions.push({
      id: "resolve",
      label: t(locale, "resolve"),
      command: `complaint resolve id:${id}`,
      style: "primary",
    });
  }
  return actions;
}
