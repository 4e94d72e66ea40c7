import type { webApi } from "@slack/bolt";
import { notificationFiles } from "../../src/core/notifications/files.ts";
import type { Notification } from "../../src/core/notifications/notification.ts";
import type { Notifier } from "../../src/core/notifications/notifier.ts";
import type { ReplyFile } from "../../src/core/reply/reply.ts";
import type { ChartRenderer } from "../../src/core/reports/services.ts";
import type { Logger } from "../../src/logging.ts";
import { lazyChartRenderer } from "../../src/reports/lazy.ts";
import type { SlackBackend } from "./backend.ts";
import { buttonRows, escape, section, type MessagePayload } from "./blocks.ts";
import type { CardService } from "./cards.ts";
import type { TeamChannels } from "./channels.ts";
import { notificationKey } from "./dedupe.ts";
import { shareFiles } from "./files.ts";
import { classifySlackError } from "./errors.ts";
import type { SlackIdentity } from "./identity.ts";
import { clamp, limits } from "./limits.ts";
import { withRetries, type RetryPolicy } from "./web-api.ts";

/** Deliveries are single attempts: the caller (the worker) owns retries and their timing. */
export const DELIVERY_RETRY: RetryPolicy = { attempts: 1, maxWaitMs: 0 };

/** A claim whose owner never finished (crashed mid-delivery) is taken over after this. */
const CLAIM_STALE_MS = 2 * 60_000;

export interface SlackNotifierOptions {
  backend: SlackBackend;
  /** The bot client of the workspace that gets DMs and team alerts. */
  client: () => Promise<webApi.WebClient>;
  channels: TeamChannels;
  identity: SlackIdentity;
  cards: CardService;
  logger: Logger;
  /** Draws the charts a notification carries; default the bundled renderer, null: send the text only. */
  charts?: ChartRenderer | null;
}

/**
 * Delivers core notifications on Slack: DMs to the staff member's linked
 * Slack user, team-channel posts to the mapped channel (a complaint's first
 * one becomes its card, later ones its thread). Idempotent by
 * Notification.key; a refusal Slack may lift later (429, 5xx) is thrown as a
 * SlackAdapterError with `retryAfterMs` for the caller to schedule.
 */
export class SlackNotifier implements Notifier {
  private readonly dmChannels = new Map<string, string>();
  private readonly charts: ChartRenderer | null;

  constructor(private readonly options: SlackNotifierOptions) {
    this.charts = options.charts === undefined ? lazyChartRenderer() : options.charts;
  }

  async send(notification: Notification): Promise<void> {
    const { backend } = this.options;
    const key = notificationKey(notification.key);
    if (!(await backend.inbound.claim(key, CLAIM_STALE_MS))) return;
    try {
      await this.deliver(notification);
      await backend.inbound.complete(key);
    } catch (error) {
      await backend.inbound.forget(key).catch(() => undefined);
      throw classifySlackError(error, `${notification.kind} notification`);
    }
  }

  /**
   * Brings a complaint's card up to date. For the worker to call on changes
   * that notify nobody (a close from the console), so the card never lags.
   */
  async refreshCard(complaint: string): Promise<void> {
    try {
      await this.options.cards.refresh(await this.options.client(), complaint);
    } catch (error) {
      throw classifySlackError(error, "card refresh");
    }
  }

  private async deliver(n: Notification): Promise<void> {
    const client = await this.options.client();
    const payload = notificationPayload(n);
    if (n.kind === "channel") {
      const channel = this.options.channels.resolve(n.to);
      if (!channel) return;
      const files = await this.files(n);
      if (files.length) await shareFiles(client, channel, files, payload.text, DELIVERY_RETRY);
      else if (n.complaint)
        await this.options.cards.announce(client, n.complaint, channel, payload);
      else await this.options.cards.post(client, channel, payload);
      return;
    }
    const user = await this.options.identity.slackUserOf(n.to);
    if (!user) return;
    const channel = await this.dmChannel(client, user.userId);
    const files = await this.files(n);
    if (files.length) await shareFiles(client, channel, files, payload.text, DELIVERY_RETRY);
    else await this.options.cards.post(client, channel, payload);
    // The change behind the DM may show on the complaint's card.
    if (n.complaint) await this.options.cards.refresh(client, n.complaint);
  }

  /** The notification's charts as PNGs; one that cannot be drawn is logged and left out. */
  private files(n: Notification): Promise<ReplyFile[]> {
    return notificationFiles(n, this.charts, (spec, error) =>
      this.options.logger.warn(
        { err: error, chart: spec.id, key: n.key },
        "slack: chart not drawn; the notification goes without it",
      ),
    );
  }

  private async dmChannel(client: webApi.WebClient, user: string): Promise<string> {
    const known = this.dmChannels.get(user);
    if (known) return known;
    const opened = await withRetries(
      "conversations.open",
      () => client.conversations.open({ users: user }),
      DELIVERY_RETRY,
    );
    const id = opened.channel?.id;
    if (!id) throw new Error(`conversations.open returned no channel for ${user}`);
    this.dmChannels.set(user, id);
    return id;
  }
}

/** A notification as a message: its text, and its buttons (Approve / Reject …). */
export function notificationPayload(n: Notification): MessagePayload {
  const text = n.urgent ? `:rotating_light: ${escape(n.text)}` : escape(n.text);
  return {
    text: clamp(escape(n.text), limits.messageText),
    blocks: [section(text), ...buttonRows(n.actions ?? [])],
  };
}
