import type { App } from "./app.ts";
import type { AppConfig } from "./config/env.ts";
import { isConfigError } from "./config/errors.ts";
import { ensureRedis, type RunningRedis } from "./config/redis.ts";
import type { Notification } from "./core/notifications/notification.ts";
import type { RunOptions } from "./core/engine.ts";
import type { Outcome } from "./core/reply/reply.ts";
import type { Logger } from "./logging.ts";
import { ConsoleNotifier } from "./worker/console-notifier.ts";
import { WorkerRuntime } from "./worker/runtime.ts";

export interface ConsoleRuntime {
  notifier: ConsoleNotifier;
  /** Runs a command; the relay loop waits until its notifications are flushed. */
  execute(line: string, actorId: string, options?: RunOptions): Promise<Outcome>;
  /** Relays what the last command queued and returns its notifications, in order. */
  flushNotifications(): Promise<Notification[]>;
  close(): Promise<void>;
}

/**
 * The console's view of an in-process worker: a command's answer is printed
 * before its notifications, because the relay loop is held from the command
 * until the session has flushed them; between commands the loop prints what
 * else arrives (nudges, scheduled reports) through the console notifier.
 */
export function consoleBackend(
  app: App,
  runtime: WorkerRuntime,
): Pick<ConsoleRuntime, "execute" | "flushNotifications"> {
  return {
    execute(line, actorId, options) {
      runtime.pauseRelay();
      return app.engine.execute(line, actorId, options);
    },
    async flushNotifications() {
      const out: Notification[] = [];
      try {
        await runtime.relayOnce((n) => {
          out.push(n);
          return Promise.resolve();
        });
      } finally {
        runtime.resumeRelay();
      }
      return out;
    },
  };
}

/**
 * The console with the deadline worker in the same process, so nudges and
 * escalations show up on the terminal as they fall due. Without a Redis the
 * console still works; only the timers are off, and it says so.
 */
export async function startConsoleRuntime(
  app: App,
  config: AppConfig,
  logger: Logger,
): Promise<ConsoleRuntime> {
  const notifier = new ConsoleNotifier();
  let redis: RunningRedis | null = null;
  try {
    redis = await ensureRedis({
      url: config.redisUrl,
      urlWasDefault: config.redisUrlWasDefault,
      dataDir: config.dataDir,
      logger,
    });
  } catch (error) {
    if (!isConfigError(error)) throw error;
    logger.warn(`deadline nudges are off: ${error.message}`);
  }
  if (!redis) {
    return {
      notifier,
      execute: (line, actorId, options) => app.engine.execute(line, actorId, options),
      flushNotifications: () => app.flushNotifications(),
      close: () => Promise.resolve(),
    };
  }
  const running = redis;
  const runtime = new WorkerRuntime({
    app,
    redisUrl: running.url,
    notifiers: { console: notifier },
    logger,
    prefix: config.queuePrefix,
    relayIntervalMs: 500,
    direct: (n) => notifier.send(n),
  });
  await runtime.start();
  return {
    notifier,
    ...consoleBackend(app, runtime),
    async close() {
      await runtime.close();
      await running.stop();
    },
  };
}
