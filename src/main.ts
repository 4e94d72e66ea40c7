import { Redis } from "ioredis";
import { ConsoleSession } from "../adapters/console/session.ts";
import { startDiscord } from "../adapters/discord/bot.ts";
import { slackEnabled, startSlack } from "../adapters/slack/main.ts";
import { createApp } from "./app.ts";
import { loadConfig } from "./config/env.ts";
import { ensureRedis } from "./config/redis.ts";
import { startHttpServer } from "./http/server.ts";
import { createLogger } from "./logging.ts";
import { describeStartupError } from "./startup-error.ts";

/**
 * `npm start`: everything a small team needs in one process. Without chat
 * tokens it opens the interactive console on this terminal.
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
  const shutdown = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) =>
        logger.warn({ err: error }, "shutdown step failed"),
      );
    }
  };
  try {
    const app = await createApp({ config, logger });
    cleanups.push(() => app.close());
    const redisClient = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    cleanups.push(async () => {
      redisClient.disconnect();
      return Promise.resolve();
    });
    if (config.httpPort > 0) {
      const server = await startHttpServer({
        port: config.httpPort,
        logger,
        checks: {
          database: async () => {
            await app.db.prisma.$queryRaw`SELECT 1`;
          },
          redis: async () => {
            await redisClient.ping();
          },
        },
      });
      if (server) cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    }
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        logger.info(`${signal}: shutting down`);
        void shutdown().then(() => process.exit(0));
      });
    }
    let chat = false;
    if (slackEnabled(config.slack)) {
      const slack = await startSlack(app, config.slack, logger);
      cleanups.push(() => slack.stop());
      process.stdout.write(
        `complaint-desk is running with Slack (${slack.mode === "socket" ? "Socket Mode" : `HTTP on port ${config.slack.port}`}, database: ${app.db.location}).\n`,
      );
      chat = true;
    }
    if (config.discord.token) {
      const discord = await startDiscord({
        app,
        config: { ...config.discord, token: config.discord.token },
        logger,
      });
      cleanups.push(() => discord.stop());
      process.stdout.write(
        `complaint-desk is running with Discord (${[config.discord.gateway ? "gateway" : "", discord.httpPort ? `HTTP interactions on port ${discord.httpPort}` : ""].filter(Boolean).join(", ")}, database: ${app.db.location}).\n`,
      );
      chat = true;
    }
    // Chat adapters run until SIGTERM / SIGINT (handled above); no console on this terminal.
    if (chat) await new Promise<never>(() => undefined);
    const actor = await app.chooseActor(undefined);
    const interactive = process.stdin.isTTY === true;
    process.stdout.write(
      `complaint-desk is running (database: ${app.db.location}, redis: ${redis.private ? "private" : "shared"}).\n` +
        (actor.note ? `${actor.note}\n` : "") +
        `Console: you are ${actor.id}. Type complaint help, .as <staff-id> to switch, .quit to leave.\n`,
    );
    await new ConsoleSession({
      input: process.stdin,
      output: process.stdout,
      actorId: actor.id,
      json: false,
      prompt: interactive,
      backend: {
        execute: (line, actorId) => app.engine.execute(line, actorId),
        flushNotifications: () => app.flushNotifications(),
      },
    }).run();
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
