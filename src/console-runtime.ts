import type { App } from "./app.ts";
import type { AppConfig } from "./config/env.ts";
import { isConfigError } from "./config/errors.ts";
import { ensureRedis, type RunningRedis } from "./config/redis.ts";
import type { Notification } from "./core/notifications/notification.ts";
import type { Logger } from "./logging.ts";
import { ConsoleNotifier } from "./worker/console-notifier.ts";
import { WorkerRuntime } from "./worker/runtime.ts";

export interface ConsoleRuntime {
  notifier: ConsoleNotifier;
  /** Relays what the last command queued and returns its notifications, in order. */
  flushNotifications(): Promise<Notification[]>;
  close(): Promise<void>;
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
  });
  await runtime.start();
  return {
    notifier,
    async flushNotifications() {
      const out: Notification[] = [];
      await runtime.relayOnce((n) => {
        out.push(n);
        return Promise.resolve();
      });
      return out;
    },
    async close() {
      await runtime.close();
      await running.stop();
    },
  };
}
