import type { App } from "../../src/app.ts";
import type { DiscordConfig } from "../../src/config/env.ts";
import type { Logger } from "../../src/logging.ts";
import { CardKeeper } from "./cards.ts";
import { connectGateway, createGatewayClient } from "./gateway.ts";
import { startInteractionsServer, type InteractionsServer } from "./http.ts";
import { InteractionHandler, type AnswerKind } from "./interactions.ts";
import { DiscordNotifier, type NotifierApp } from "./notifier.ts";
import { createRest } from "./rest.ts";

export interface DiscordBot {
  /** For the notification worker: DMs and team alerts on Discord. */
  readonly notifier: DiscordNotifier;
  readonly handler: InteractionHandler;
  /** Port of the HTTP interactions endpoint, if it runs. */
  readonly httpPort: number | undefined;
  stop(): Promise<void>;
}

export interface StartDiscordOptions {
  app: App;
  config: DiscordConfig & { token: string };
  logger: Logger;
  onAnswered?: (kind: AnswerKind, ms: number) => void;
  /** Interface of the HTTP endpoint; default all. */
  httpHost?: string;
}

/**
 * DMs and team alerts on Discord, for the notification worker: no gateway,
 * its own REST client that throws on 429 (DiscordRateLimitedError.retryAfterMs).
 */
export function createDiscordNotifier(
  app: NotifierApp,
  config: Pick<DiscordConfig, "apiUrl" | "channels"> & { token: string },
  logger: Logger,
): DiscordNotifier {
  return new DiscordNotifier({
    app,
    rest: createRest({ token: config.token, apiUrl: config.apiUrl, rejectOnRateLimit: true }),
    channels: config.channels,
    logger,
  });
}

/**
 * The Discord adapter: the gateway (unless DISCORD_GATEWAY=off), the HTTP
 * interactions endpoint (with DISCORD_HTTP_PORT), and a notifier for the
 * worker. Commands are registered separately (npm run discord:register).
 */
export async function startDiscord(options: StartDiscordOptions): Promise<DiscordBot> {
  const { app, config, logger } = options;
  const stops: (() => Promise<void>)[] = [];
  const client = config.gateway ? createGatewayClient(config.apiUrl) : null;
  // One REST client for everything the bot says, so discord.js sees every bucket.
  const rest = client ? client.rest : createRest({ token: config.token, apiUrl: config.apiUrl });
  const handler = new InteractionHandler({
    app,
    rest,
    roles: config.roles,
    cards: new CardKeeper({ app, rest, channels: config.channels, logger }),
    logger,
    ...(options.onAnswered ? { onAnswered: options.onAnswered } : {}),
  });
  try {
    if (client) {
      await connectGateway(client, { token: config.token, handler, logger });
      stops.push(() => client.destroy());
    }
    let server: InteractionsServer | undefined;
    if (config.httpPort !== undefined && config.publicKey) {
      server = await startInteractionsServer({
        port: config.httpPort,
        publicKey: config.publicKey,
        ...(options.httpHost ? { host: options.httpHost } : {}),
        handler,
        logger,
      });
      stops.push(() => server?.close() ?? Promise.resolve());
      logger.info(`discord: interactions endpoint on port ${server.port}`);
    }
    const notifier = createDiscordNotifier(app, config, logger);
    return {
      notifier,
      handler,
      httpPort: server?.port,
      async stop() {
        for (const stop of stops.reverse()) await stop().catch(() => {});
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    throw error;
  }
}
