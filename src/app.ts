import type { AppConfig } from "./config/env.ts";
import { loadPolicy } from "./config/policy-file.ts";
import { Engine } from "./core/engine.ts";
import type { Notification } from "./core/notifications/notification.ts";
import type { Policy } from "./core/policy/schema.ts";
import type { Platform } from "./core/staff/staff.ts";
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
  /**
   * The staff id behind a chat account: a linked identity, else (when the
   * adapter can look up the account's e-mail) the staff member with that
   * e-mail, linked from then on. null: unknown person.
   */
  resolveStaff(
    platform: Platform,
    externalId: string,
    lookupEmail?: () => Promise<string | null>,
  ): Promise<string | null>;
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
  const uow = prismaUnitOfWork(db.prisma);
  const engine = new Engine({
    uow,
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
    async resolveStaff(platform, externalId, lookupEmail) {
      const linked = await uow.transaction((repos) =>
        repos.staff.findByIdentity(platform, externalId),
      );
      if (linked) return linked.active ? linked.id : null;
      const email = lookupEmail ? await lookupEmail() : null;
      if (!email) return null;
      return uow.transaction(async (repos) => {
        const staff = await repos.staff.findByEmail(email);
        if (!staff?.active) return null;
        if (!(await repos.staff.findByIdentity(platform, externalId))) {
          await repos.staff.linkIdentity(staff.id, platform, externalId);
          await repos.audit.append({
            complaintId: null,
            subject: `staff:${staff.id}`,
            actorId: "system",
            action: "staff.linked",
            fromStatus: null,
            toStatus: null,
            version: null,
            data: { platform, user: externalId, via: "email" },
          });
        }
        return staff.id;
      });
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
