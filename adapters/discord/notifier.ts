import { createHash } from "node:crypto";
import {
  DiscordAPIError,
  Routes,
  type REST,
  type RESTPostAPIChannelMessageResult,
} from "discord.js";
import type { App } from "../../src/app.ts";
import { notificationFiles } from "../../src/core/notifications/files.ts";
import type { Notification } from "../../src/core/notifications/notification.ts";
import type { Notifier } from "../../src/core/notifications/notifier.ts";
import type { ChartRenderer } from "../../src/core/reports/services.ts";
import type { Logger } from "../../src/logging.ts";
import { lazyChartRenderer } from "../../src/reports/lazy.ts";
import { withFiles } from "./files.ts";
import { chatLocale, type ChatLocale } from "./locale.ts";
import { limits } from "./limits.ts";
import { t } from "./messages.ts";
import { notificationMessage } from "./render.ts";
import { asRateLimited } from "./rest.ts";

export type NotifierApp = Pick<App, "staffProfile" | "policy">;

export interface DiscordNotifierOptions {
  app: NotifierApp;
  /** Made with `rejectOnRateLimit` (createRest): a 429 throws instead of waiting. */
  rest: REST;
  /** Team channel reference → channel id (DISCORD_CHANNELS). */
  channels: Record<string, string>;
  logger: Logger;
  /** Draws the charts a notification carries; default the bundled renderer, null: send the text only. */
  charts?: ChartRenderer | null;
}

/**
 * Delivers core notifications on Discord: DMs through the member's DM
 * channel (the staff member's linked Discord account), team alerts to the
 * mapped channel. Unmapped teams and unlinked people are logged and skipped.
 *
 * For the worker: a 429 throws DiscordRateLimitedError with `retryAfterMs`;
 * a network or 5xx failure throws as is (retry later); a refusal that no
 * retry can fix (4xx: DMs closed, channel gone, no permission) is logged and
 * the notification dropped, so one bad address never blocks the queue.
 * Each message carries a nonce derived from the notification's key with
 * `enforce_nonce`, so a retry after a lost answer does not post twice.
 */
export class DiscordNotifier implements Notifier {
  /** Discord user id → DM channel id. */
  private readonly dmChannels = new Map<string, string>();
  private readonly charts: ChartRenderer | null;

  constructor(private readonly options: DiscordNotifierOptions) {
    this.charts = options.charts === undefined ? lazyChartRenderer() : options.charts;
  }

  async send(n: Notification): Promise<void> {
    const { logger } = this.options;
    try {
      const target = n.kind === "dm" ? await this.dmTarget(n.to) : this.channelTarget(n.to);
      if (!target) return;
      const details = n.complaint
        ? [
            {
              id: "details",
              label: t(target.locale, "details"),
              command: `complaint show id:${n.complaint}`,
            },
          ]
        : [];
      // Charts ride on the message itself (multipart): one post, one nonce.
      const charts = await notificationFiles(n, this.charts, (spec, error) =>
        logger.warn(
          { err: error, chart: spec.id, key: n.key },
          "discord: chart not drawn; the notification goes without it",
        ),
      );
      const message = await withFiles(notificationMessage(n, details), charts);
      (await this.options.rest.post(Routes.channelMessages(target.channel), {
        body: { ...message.body, nonce: nonceFor(n.key), enforce_nonce: true },
        ...(message.files ? { files: message.files } : {}),
      })) as RESTPostAPIChannelMessageResult;
    } catch (error) {
      const limited = asRateLimited(error);
      if (limited) throw limited;
      if (error instanceof DiscordAPIError && error.status >= 400 && error.status < 500) {
        logger.warn(
          { err: error, to: n.to, kind: n.kind, key: n.key },
          `discord: notification refused (${error.status} ${String(error.code)}); dropped`,
        );
        if (n.kind === "dm") this.dmChannels.clear();
        return;
      }
      throw error;
    }
  }

  private channelTarget(ref: string): { channel: string; locale: ChatLocale } | null {
    const channel = this.options.channels[ref];
    if (!channel) {
      this.options.logger.warn(
        { team: ref },
        `discord: no channel mapped for team ${ref} (DISCORD_CHANNELS); alert skipped`,
      );
      return null;
    }
    return { channel, locale: chatLocale(this.options.app.policy.locale) };
  }

  private async dmTarget(staffId: string): Promise<{ channel: string; locale: ChatLocale } | null> {
    const profile = await this.options.app.staffProfile(staffId);
    const user = profile?.active
      ? profile.identities.find((i) => i.platform === "discord")?.externalId
      : undefined;
    if (!profile || !user) {
      this.options.logger.info(
        { staff: staffId },
        `discord: ${staffId} has no linked Discord account; DM skipped`,
      );
      return null;
    }
    const locale = chatLocale(profile.locale ?? this.options.app.policy.locale);
    const cached = this.dmChannels.get(user);
    if (cached) return { channel: cached, locale };
    const dm = (await this.options.rest.post(Routes.userChannels(), {
      body: { recipient_id: user },
    })) as { id: string };
    this.dmChannels.set(user, dm.id);
    return { channel: dm.id, locale };
  }
}

/** Discord drops a second message with the same nonce (enforce_nonce) for a few minutes. */
export function nonceFor(key: string): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, limits.nonce);
}
