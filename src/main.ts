import { ConsoleSession } from "../adapters/console/session.ts";
import { slackEnabled } from "../adapters/slack/enabled.ts";
import { createApp } from "./app.ts";
import { loadConfig } from "./config/env.ts";
import { ensureRedis } from "./config/redis.ts";
import type { Notifier } from "./core/notifications/notifier.ts";
import { consoleBackend } from "./console-runtime.ts";
import type { Notification } from "./core/notifications/notification.ts";
import { startOpsServer } from "./http/ops-server.ts";
import { createLogger } from "./logging.ts";
import { describeStartupError } from "./startup-error.ts";
import { ConsoleNotifier } from "./worker/console-notifier.ts";
import { WorkerRuntime } from "./worker/runtime.ts";
import { WebhookNotifier } from "./worker/webhook-notifier.ts";

/**
 * `npm start`: everything a small team needs in one process — the chat
 * adapters (or, without chat tokens, the interactive console on this
 * terminal), the deadline worker, and health / metrics.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const redis = await ensureRedis({
    url: config.redisUrl,
    urlWasDefault: config.redisUrlWasDefault,
    dataDir: config.dataDir,
    logger,
  });
  const cleanups: (() => Promise<void>)[] = [() => redis.stop()];
  let stopping: Promise<void> | null = null;
  const shutdown = () =>
    (stopping ??= (async () => {
      for (const cleanup of cleanups.reverse()) {
        await cleanup().catch((error: unknown) =>
          logger.warn({ err: error }, "shutdown step failed"),
        );
      }
    })());
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      logger.info(`${signal}: draining and shutting down`);
      void shutdown().then(() => process.exit(0));
    });
  }
  try {
    const app = await createApp({ config, logger });
    cleanups.push(() => app.close());

    const notifiers: Record<string, Notifier> = {};
    const started: string[] = [];
    // Each adapter's library loads only when it is configured (discord.js and
    // Bolt are about 50 MB). discord.js first: loaded after Bolt, its uploads
    // go through Bolt's newer undici dispatcher and fail.
    const discordModule = config.discord.token ? await import("../adapters/discord/bot.ts") : null;
    if (slackEnabled(config.slack)) {
      const { startSlack } = await import("../adapters/slack/main.ts");
      const slack = await startSlack(app, config.slack, logger);
      cleanups.push(() => slack.stop());
      notifiers.slack = slack.notifier;
      started.push(
        slack.mode === "socket"
          ? "Slack (Socket Mode)"
          : `Slack (HTTP on port ${config.slack.port})`,
      );
    }
    if (discordModule && config.discord.token) {
      const discord = await discordModule.startDiscord({
        app,
        config: { ...config.discord, token: config.discord.token },
        logger,
      });
      cleanups.push(() => discord.stop());
      notifiers.discord = discord.notifier;
      started.push(
        `Discord${discord.httpPort ? ` (HTTP interactions on port ${discord.httpPort})` : ""}`,
      );
    }
    if (config.webhookUrl) notifiers.webhook = new WebhookNotifier(config.webhookUrl);
    const consoleNotifier = started.length === 0 ? new ConsoleNotifier() : null;
    if (consoleNotifier) notifiers.console = consoleNotifier;

    const runtime = new WorkerRuntime({
      app,
      redisUrl: redis.url,
      notifiers,
      logger,
      prefix: config.queuePrefix,
      concurrency: config.workerConcurrency,
      claimTimeoutMs: config.deliveryClaimTimeoutMs,
      // The console relays after each command itself, to keep answers and notifications in order.
      relayIntervalMs: consoleNotifier ? 500 : 250,
      ...(consoleNotifier ? { direct: (n: Notification) => consoleNotifier.send(n) } : {}),
    });
    await runtime.start();
    cleanups.push(() => runtime.close());

    const server = await startOpsServer(app, runtime, config, logger);
    if (server) cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));

    if (!consoleNotifier) {
      process.stdout.write(
        `complaint-desk is running with ${started.join(" and ")} (database: ${app.db.location}).\n`,
      );
      // Chat adapters run until SIGTERM / SIGINT.
      await new Promise<never>(() => undefined);
    }
    const actor = await app.chooseActor(undefined);
    const interactive = process.stdin.isTTY === true;
    process.stdout.write(
      `complaint-desk is running (database: ${app.db.location}, redis: ${redis.private ? "private" : "shared"}).\n` +
        (actor.note ? `${actor.note}\n` : "") +
        `Console: you are ${actor.id}. Type complaint help, .as <staff-id> to switch, .quit to leave.\n`,
    );
    const session = new ConsoleSession({
      input: process.stdin,
      output: process.stdout,
      actorId: actor.id,
      json: false,
      prompt: interactive,
      backend: consoleBackend(app, runtime),
    });
    consoleNotifier?.attach((n) => session.notify(n));
    await session.run();
  } finally {
    await shutdown();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${describeStartupError(error)}\n`);
    process.exit(1);
  },
);
