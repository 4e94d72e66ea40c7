import type { AppConfig } from "./config/env.ts";
import { loadPolicy } from "./config/policy-file.ts";
import { Engine } from "./core/engine.ts";
import type { Notification } from "./core/notifications/notification.ts";
import type { Policy } from "./core/policy/schema.ts";
import type { Clock } from "./core/ports.ts";
import type { Logger } from "./logging.ts";
import { ensureAdmins, ensureFirstAdmin } from "./store/bootstrap.ts";
import { openMigratedDatabase, type Database } from "./store/database.ts";
import { prismaUnitOfWork } from "./store/unit-of-work.ts";
import { relayOutbox } from "./worker/outbox-relay.ts";

export interface App {
  readonly engine: Engine;
  readonly db: Database;
  readonly policy: Policy;
  /**
   * Who an interactive session acts as: the requested id, else the first of
   * ADMINS, else a first admin created on an empty directory.
   */
  chooseActor(requested: string | undefined): Promise<{ id: string; note?: string }>;
  /** Relays pending outbox events in-process and returns what was sent. */
  flushNotifications(): Promise<Notification[]>;
  close(): Promise<void>;
}

export interface CreateAppOptions {
  config: AppConfig;
  logger: Logger;
  clock?: Clock;
  /** Already loaded policy (tests); default: config.policyFile. */
  policy?: Policy;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * The composition root: policy, database (migrated at start), admins from
 * ADMINS, and the engine. Adapters get an App and nothing lower.
 */
export async function createApp(options: CreateAppOptions): Promise<App> {
  const { config, logger } = options;
  const policy = options.policy ?? loadPolicy(config.policyFile);
  const db = await openMigratedDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    logger,
  });
  try {
    const created = await ensureAdmins(db.prisma, config.admins);
    if (created.length > 0) logger.info(`created admin staff from ADMINS: ${created.join(", ")}`);
  } catch (error) {
    await db.close();
    throw error;
  }
  const engine = new Engine({
    uow: prismaUnitOfWork(db.prisma),
    policy,
    clock: options.clock ?? systemClock,
    onInternalError: (error, ctx) =>
      logger.error({ err: error, actor: ctx.actorId }, "command failed"),
  });
  return {
    engine,
    db,
    policy,
    async chooseActor(requested) {
      if (requested) return { id: requested.trim().toLowerCase() };
      const first = config.admins[0];
      if (first) return { id: first };
      if (await ensureFirstAdmin(db.prisma)) {
        return {
          id: "admin",
          note: "No staff yet: you are 'admin'. Add your team with complaint staff add …",
        };
      }
      return { id: "admin" };
    },
    async flushNotifications() {
      const sent: Notification[] = [];
      await relayOutbox(db.prisma, {
        send: (n) => {
          sent.push(n);
          return Promise.resolve();
        },
      });
      return sent;
    },
    close: () => db.close(),
  };
}
