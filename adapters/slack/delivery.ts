import { webApi, type InstallationStore } from "@slack/bolt";
import type { SlackConfig } from "../../src/config/env.ts";
import type { Logger } from "../../src/logging.ts";
import { PLATFORM, type SlackBackend } from "./backend.ts";
import { CardService } from "./cards.ts";
import { TeamChannels } from "./channels.ts";
import { SlackAdapterError, SlackErrorCode } from "./errors.ts";
import { SlackIdentity } from "./identity.ts";
import { postgresInstallationStore } from "./installation-store.ts";
import { DELIVERY_RETRY, SlackNotifier } from "./notifier.ts";
import { ChannelPacer } from "./rate-limiter.ts";
import { slackClientOptions } from "./web-api.ts";

export interface SlackNotifierOptions {
  pacer?: ChannelPacer;
  identity?: SlackIdentity;
  installationStore?: InstallationStore;
}

/**
 * The Slack notifier on its own, for the worker: no Bolt, no HTTP endpoint,
 * just the Web API client of the delivering workspace.
 */
export function createSlackNotifier(
  backend: SlackBackend,
  config: SlackConfig,
  logger: Logger,
  options: SlackNotifierOptions = {},
): SlackNotifier {
  const oauth = config.clientId !== undefined;
  const store =
    options.installationStore ?? (oauth ? postgresInstallationStore(backend) : undefined);
  const pacer = options.pacer ?? new ChannelPacer();
  return new SlackNotifier({
    backend,
    client: deliveryClient(config, slackClientOptions(config.apiUrl), store, backend),
    channels: new TeamChannels(config.channels, logger),
    identity: options.identity ?? new SlackIdentity(backend, logger, DELIVERY_RETRY),
    cards: new CardService({ backend, pacer, logger, retry: DELIVERY_RETRY }),
    logger,
  });
}

/**
 * The client notifications go out with: the bot token, or with OAuth the
 * install of SLACK_TEAM_ID (or the only install there is).
 */
export function deliveryClient(
  config: SlackConfig,
  clientOptions: webApi.WebClientOptions,
  store: InstallationStore | undefined,
  backend: Pick<SlackBackend, "chatInstallations">,
): () => Promise<webApi.WebClient> {
  const clients = new Map<string, webApi.WebClient>();
  const forToken = (token: string) => {
    let client = clients.get(token);
    if (!client) {
      client = new webApi.WebClient(token, clientOptions);
      clients.set(token, client);
    }
    return client;
  };
  if (!store) {
    const token = config.botToken ?? "";
    return () => Promise.resolve(forToken(token));
  }
  return async () => {
    let teamId = config.teamId;
    if (!teamId) {
      const teams = (await backend.chatInstallations.keys(PLATFORM)).filter((k) =>
        k.startsWith("team:"),
      );
      if (teams.length !== 1) {
        throw new SlackAdapterError(
          SlackErrorCode.Config,
          `${teams.length} workspaces have installed the app; set SLACK_TEAM_ID to the one that gets DMs and team alerts`,
        );
      }
      teamId = teams[0]?.slice("team:".length);
    }
    const installation = await store.fetchInstallation({
      teamId: teamId ?? "",
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    const token = installation.bot?.token;
    if (!token) {
      throw new SlackAdapterError(
        SlackErrorCode.Config,
        `the install for ${teamId} has no bot token`,
      );
    }
    return forToken(token);
  };
}
