import {
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  type APIInteraction,
} from "discord.js";
import type { Logger } from "../../src/logging.ts";
import { callbackResponder, type InteractionHandler } from "./interactions.ts";
import { restOptions } from "./rest.ts";

/**
 * A discord.js client for the gateway, not yet connected: its REST client
 * (rate-limit state included) is the one the whole bot then uses. Only the
 * Guilds intent: the bot reads no messages.
 */
export function createGatewayClient(apiUrl: string): Client {
  return new Client({ intents: [GatewayIntentBits.Guilds], rest: restOptions({ apiUrl }) });
}

/**
 * Connects and routes interactions, as raw payloads, to the handler the HTTP
 * endpoint uses too; resolves once the gateway is READY.
 */
export async function connectGateway(
  client: Client,
  options: { token: string; handler: InteractionHandler; logger: Logger },
): Promise<void> {
  const { handler, logger } = options;
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: APIInteraction) => {
    void handler.handle(data, callbackResponder(client.rest, data));
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord: client error"));
  client.rest.on("rateLimited", (info) =>
    logger.warn(
      { route: info.route, retryAfter: info.retryAfter, global: info.global },
      "discord: rate limited; waiting",
    ),
  );
  // login() resolves once the gateway is READY only if this listener is already there.
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(options.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  logger.info(`discord: connected as ${client.user?.tag ?? "?"}`);
}
