import type { webApi } from "@slack/bolt";
import type { Logger } from "../../src/logging.ts";
import { PLATFORM, type SlackBackend } from "./backend.ts";
import type { MessagePayload } from "./blocks.ts";
import { cardActions, renderCard } from "./card.ts";
import type { ChannelPacer } from "./rate-limiter.ts";
import { chromeFor } from "./text.ts";
import { withRetries, type RetryPolicy } from "./web-api.ts";

export interface CardServiceOptions {
  backend: SlackBackend;
  pacer: ChannelPacer;
  logger: Logger;
  retry: RetryPolicy;
}

/**
 * Posting, updating and threading under complaint cards. Every
 * chat.postMessage of the adapter goes through `post`, paced per channel.
 * A card is rendered from the complaint as it is now, so refreshing it is
 * idempotent and safe to repeat after any change.
 */
export class CardService {
  constructor(private readonly options: CardServiceOptions) {}

  /** chat.postMessage, paced per channel; returns the message ts. */
  async post(
    client: webApi.WebClient,
    channel: string,
    payload: MessagePayload,
    threadTs?: string,
  ): Promise<{ channel: string; ts: string }> {
    const { pacer, retry } = this.options;
    const result = await pacer.run(channel, () =>
      withRetries(
        "chat.postMessage",
        () =>
          client.chat.postMessage({
            channel,
            text: payload.text,
            blocks: payload.blocks,
            unfurl_links: false,
            unfurl_media: false,
            ...(threadTs ? { thread_ts: threadTs } : {}),
          }),
        retry,
      ),
    );
    return { channel: result.channel ?? channel, ts: result.ts ?? "" };
  }

  /**
   * A team-channel notification about a complaint: the first one posts the
   * card (and remembers it); later ones in the card's channel update the card
   * and go to its thread; one for another channel (management) is posted there
   * on its own.
   */
  async announce(
    client: webApi.WebClient,
    number: string,
    channel: string,
    note: MessagePayload,
  ): Promise<void> {
    const { backend } = this.options;
    const existing = await backend.chatMessages.get(PLATFORM, number);
    if (existing && existing.channelRef !== channel) {
      await this.post(client, channel, note);
      return;
    }
    const card = await this.render(number);
    if (!card) {
      await this.post(client, channel, note);
      return;
    }
    if (!existing) {
      const posted = await this.post(client, channel, card);
      await backend.chatMessages.put(PLATFORM, number, {
        channelRef: posted.channel,
        messageRef: posted.ts,
        threadRef: posted.ts,
      });
      return;
    }
    await this.update(client, existing.channelRef, existing.messageRef, card);
    await this.post(client, existing.channelRef, note, existing.threadRef ?? existing.messageRef);
  }

  /** Brings the card (if the complaint has one) up to date. */
  async refresh(client: webApi.WebClient, number: string): Promise<void> {
    const existing = await this.options.backend.chatMessages.get(PLATFORM, number);
    if (!existing) return;
    const card = await this.render(number);
    if (card) await this.update(client, existing.channelRef, existing.messageRef, card);
  }

  /** Adds a line to the card's thread (if the complaint has a card). */
  async thread(client: webApi.WebClient, number: string, note: MessagePayload): Promise<void> {
    const existing = await this.options.backend.chatMessages.get(PLATFORM, number);
    if (!existing) return;
    await this.post(client, existing.channelRef, note, existing.threadRef ?? existing.messageRef);
  }

  private async update(
    client: webApi.WebClient,
    channel: string,
    ts: string,
    card: MessagePayload,
  ): Promise<void> {
    await withRetries(
      "chat.update",
      () => client.chat.update({ channel, ts, text: card.text, blocks: card.blocks }),
      this.options.retry,
    );
  }

  private async render(number: string): Promise<MessagePayload | null> {
    const { backend } = this.options;
    const view = await backend.complaintSummary(number);
    if (!view) return null;
    const chrome = chromeFor(backend.engine.policy.locale);
    return renderCard(view, cardActions(view, backend.engine), {
      timeZone: backend.engine.policy.timezone,
      chrome,
    });
  }
}
