import { App as BoltApp, HTTPReceiver, SocketModeReceiver, type Receiver } from "@slack/bolt";
import type { SlackConfig } from "../../src/config/env.ts";
import type { Logger } from "../../src/logging.ts";
import type { SlackBackend } from "./backend.ts";
import { boltLogger } from "./bolt-logger.ts";
import { CardService } from "./cards.ts";
import { createSlackNotifier } from "./delivery.ts";
import { SlackAdapterError, SlackErrorCode } from "./errors.ts";
import { registerButtons } from "./handlers/actions.ts";
import { registerSlashCommand } from "./handlers/command.ts";
import type { HandlerDeps } from "./handlers/deps.ts";
import { registerHome } from "./handlers/home.ts";
import { registerViewSubmission } from "./handlers/views.ts";
import { SlackIdentity } from "./identity.ts";
import { postgresInstallationStore } from "./installation-store.ts";
import type { SlackNotifier } from "./notifier.ts";
import { ChannelPacer } from "./rate-limiter.ts";
import { EVENTS_PATH, VerifiedHttpReceiver } from "./receiver.ts";
import { interactiveRetry, slackClientOptions, type RetryPolicy } from "./web-api.ts";

/** What the app asks for at install; slack/manifest.yaml lists the same. */
export const BOT_SCOPES = [
  "commands",
  "chat:write",
  "files:write",
  "im:write",
  "users:read",
  "users:read.email",
] as const;

export interface SlackAdapterOptions {
  backend: SlackBackend;
  config: SlackConfig;
  logger: Logger;
  /** Default: about one post per second per channel. */
  pacer?: ChannelPacer;
  retry?: RetryPolicy;
  now?: () => Date;
  /** HTTP mode: the interface to bind (default all). */
  host?: string;
  onAck?: HandlerDeps["onAck"];
}

export interface SlackAdapter {
  readonly mode: "http" | "socket";
  readonly auth: "token" | "oauth";
  readonly bolt: BoltApp;
  /** For the worker: delivers notifications on Slack. */
  readonly notifier: SlackNotifier;
  /** Starts listening (HTTP) or connecting (Socket Mode); returns the HTTP port when there is one. */
  start(): Promise<{ port: number | undefined }>;
  stop(): Promise<void>;
}

/** Handled-request keys are kept this long; Slack's retries come within minutes. */
const INBOUND_KEY_TTL_MS = 7 * 24 * 3600_000;

/**
 * The Slack adapter: Bolt in HTTP mode (signature verified, see receiver.ts)
 * or Socket Mode (when SLACK_APP_TOKEN is set), one bot token or OAuth
 * installs kept in PostgreSQL, and the handlers for the slash command,
 * buttons, forms and the Home tab.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { backend, config, logger } = options;
  const oauth = config.clientId !== undefined;
  if (!oauth && !config.botToken) {
    throw new SlackAdapterError(SlackErrorCode.Config, "set SLACK_BOT_TOKEN or SLACK_CLIENT_ID");
  }
  const bLogger = boltLogger(logger);
  const clientOptions = slackClientOptions(config.apiUrl);
  const installationStore = oauth ? postgresInstallationStore(backend) : undefined;
  const oauthOptions =
    oauth && installationStore
      ? {
          clientId: config.clientId,
          clientSecret: config.clientSecret ?? "",
          stateSecret: config.stateSecret ?? "",
          scopes: [...BOT_SCOPES],
          installationStore,
        }
      : {};
  const socket = config.appToken !== undefined;
  let httpReceiver: VerifiedHttpReceiver | undefined;
  let receiver: Receiver;
  if (socket) {
    receiver = new SocketModeReceiver({
      appToken: config.appToken ?? "",
      logger: bLogger,
      ...oauthOptions,
      installerOptions: { clientOptions, port: config.port },
    });
  } else {
    const signingSecret = config.signingSecret ?? "";
    httpReceiver = new VerifiedHttpReceiver({
      inner: new HTTPReceiver({
        signingSecret,
        endpoints: EVENTS_PATH,
        logger: bLogger,
        ...oauthOptions,
        installerOptions: { clientOptions, directInstall: true },
      }),
      signingSecret,
      logger,
    });
    receiver = httpReceiver;
  }
  const bolt = new BoltApp({
    receiver,
    logger: bLogger,
    clientOptions,
    ...(oauth ? {} : { token: config.botToken }),
  });
  bolt.error(async (error) => {
    logger.error({ err: error }, "Slack handler error");
    return Promise.resolve();
  });

  const pacer = options.pacer ?? new ChannelPacer();
  const identity = new SlackIdentity(backend, logger, options.retry ?? interactiveRetry);
  const deps: HandlerDeps = {
    backend,
    identity,
    cards: new CardService({ backend, pacer, logger, retry: options.retry ?? interactiveRetry }),
    retry: options.retry ?? interactiveRetry,
    logger,
    now: options.now ?? (() => new Date()),
    ...(options.onAck ? { onAck: options.onAck } : {}),
  };
  registerSlashCommand(bolt, deps);
  registerButtons(bolt, deps);
  registerViewSubmission(bolt, deps);
  registerHome(bolt, deps);

  const notifier = createSlackNotifier(backend, config, logger, {
    pacer,
    identity,
    ...(installationStore ? { installationStore } : {}),
  });

  let pruner: NodeJS.Timeout | undefined;
  return {
    mode: socket ? "socket" : "http",
    auth: oauth ? "oauth" : "token",
    bolt,
    notifier,
    async start() {
      if (httpReceiver) await httpReceiver.start(config.port, options.host);
      else await bolt.start();
      pruner = setInterval(() => {
        backend.inbound
          .prune(new Date(Date.now() - INBOUND_KEY_TTL_MS))
          .catch((error: unknown) => logger.warn({ err: error }, "could not prune inbound keys"));
      }, 3600_000);
      pruner.unref();
      return { port: httpReceiver?.port };
    },
    async stop() {
      if (pruner) clearInterval(pruner);
      if (httpReceiver) await httpReceiver.stop();
      else await bolt.stop();
    },
  };
}
