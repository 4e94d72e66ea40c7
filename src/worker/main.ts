import type { Notifier } from "../core/notifications/notifier.ts";
import { slackEnabled } from "../../adapters/slack/enabled.ts";
import { createApp } from "../app.ts";
import { loadConfig } from "../config/env.ts";
import { ConfigError } from "../config/errors.ts";
import { ensureRedis } from "../config/redis.ts";
import { startOpsServer } from "../http/ops-server.ts";
import { createLogger } from "../logging.ts";
import { describeStartupError } from "../startup-error.ts";
import { WorkerRuntime } from "./runtime.ts";
import { WebhookNotifier } from "./webhook-notifier.ts";

/**
 * `npm run worker`: the deadline worker on its own, for deployments that run
 * bots and workers as separate processes (any number of each).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { base: { service: "worker" } });
  if (!config.webhookUrl && !config.discord.token && !slackEnabled(config.slack)) {
    throw new ConfigError(
      "no notification channel is configured: set SLACK_BOT_TOKEN, DISCORD_TOKEN or NOTIFY_WEBHOOK_URL, or run npm start for the console",
    );
  }
  const redis = await ensureRedis({
    url: config.redisUrl,
    urlWasDefault: config.redisUrlWasDefault,
    dataDir: config.dataDir,
    logger,
  });
  const app = await createApp({ config, logger });
  const notifiers: Record<string, Notifier> = {};
  if (config.webhookUrl) notifiers.webhook = new WebhookNotifier(config.webhookUrl);
  // Only the configured platforms' libraries load; discord.js before Bolt (see src/main.ts).
  if (config.discord.token) {
    const { createDiscordNotifier } = await import("../../adapters/discord/bot.ts");
    notifiers.discord = createDiscordNotifier(
      app,
      { ...config.discord, token: config.discord.token },
      logger,
    );
  }
  if (slackEnabled(config.slack)) {
    const { createSlackNotifier } = await import("../../adapters/slack/delivery.ts");
    notifiers.slack = createSlackNotifier(app, config.slack, logger);
  }
  const runtime = new WorkerRuntime({
    app,
    redisUrl: redis.url,
    notifiers,
    logger,
    prefix: config.queuePrefix,
    concurrency: config.workerConcurrency,
    claimTimeoutMs: config.deliveryClaimTimeoutMs,
  });
  await runtime.start();
  const server = await startOpsServer(app, runtime, config, logger);
  logger.info({ platforms: Object.keys(notifiers), prefix: config.queuePrefix }, "worker running");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: draining (running jobs finish, no new ones start)`);
    await runtime.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await app.close();
    await redis.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeStartupError(error)}\n`);
  process.exit(1);
});
