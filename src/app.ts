import path from "node:path";
import type { AppConfig } from "./config/env.ts";
import { loadPolicy } from "./config/policy-file.ts";
import { defaultHolidayCalendar } from "./calendar/chinese-days.ts";
import { BusinessCalendar } from "./core/calendar/business-calendar.ts";
import { describeCoverage } from "./core/calendar/coverage.ts";
import { Engine } from "./core/engine.ts";
import type { ComplaintView } from "./core/complaint/view.ts";
import { complaintView } from "./core/complaint/view.ts";
import { deadlineView } from "./core/deadlines/view.ts";
import type { Notification } from "./core/notifications/notification.ts";
import { staffLocales, type NotificationLocales } from "./core/notifications/render.ts";
import type { Policy } from "./core/policy/schema.ts";
import type { Platform } from "./core/staff/staff.ts";
import type { Clock } from "./core/ports.ts";
import type { Logger } from "./logging.ts";
import { ensureAdmins, ensureFirstAdmin } from "./store/bootstrap.ts";
import {
  chatInstallationStore,
  chatMessageStore,
  inboundKeyStore,
  type ChatMessageRef,
} from "./store/chat-messages.ts";
import { chatStore, type ChatStore } from "./store/chat.ts";
import { openMigratedDatabase, type Database } from "./store/database.ts";
import { deadlineRepository } from "./store/repositories/case-records.ts";
import { complaintRepository } from "./store/repositories/complaints.ts";
import { staffDirectory, type StaffProfile } from "./store/staff-directory.ts";
import { prismaUnitOfWork } from "./store/unit-of-work.ts";
import { relayOutbox } from "./worker/outbox-relay.ts";
import { fileExporter } from "./reports/file-exporter.ts";
import { lazyChartRenderer, lazyXlsxSink } from "./reports/lazy.ts";

export type { ChatMessageRef } from "./store/chat-messages.ts";
export type {
  ChatStore,
  ComplaintSuggestion,
  ProvisionResult,
  ProvisionStaffInput,
  StaffSuggestion,
} from "./store/chat.ts";

export type { StaffProfile } from "./store/staff-directory.ts";

/** Who a chat account acts as, and the language they read (null: the policy's). */
export interface ChatPerson {
  staffId: string;
  locale: string | null;
}

export interface App {
  readonly engine: Engine;
  readonly db: Database;
  readonly policy: Policy;
  readonly calendar: BusinessCalendar;
  readonly clock: Clock;
  /**
   * Who an interactive session acts as: the requested id, else the first of
   * ADMINS, else a first admin created on an empty directory.
   */
  chooseActor(requested: string | undefined): Promise<{ id: string; note?: string }>;
  /**
   * The person behind a chat account: a linked identity (one read), else
   * (when the adapter can look up the account's e-mail) the staff member with
   * that e-mail, linked from then on. null: unknown or deactivated person.
   */
  identify(
    platform: Platform,
    externalId: string,
    lookupEmail?: () => Promise<string | null>,
  ): Promise<ChatPerson | null>;
  /** identify()'s staff id alone. */
  resolveStaff(
    platform: Platform,
    externalId: string,
    lookupEmail?: () => Promise<string | null>,
  ): Promise<string | null>;
  /** A staff member with their chat identities, for addressing DMs. */
  staffProfile(id: string): Promise<StaffProfile | null>;
  /**
   * A complaint as a team channel may see it (contact masked, so no PII read
   * is audited): what chat cards show. null: no such complaint.
   */
  complaintSummary(number: string): Promise<ComplaintView | null>;
  /** The chat message that stands for a complaint (Slack card, its thread). */
  readonly chatMessages: {
    get(platform: Platform, complaint: string): Promise<ChatMessageRef | null>;
    /** false: no such complaint. */
    put(platform: Platform, complaint: string, ref: ChatMessageRef): Promise<boolean>;
  };
  /**
   * Keys of inbound requests and deliveries (chat retries, double clicks,
   * notification keys): `once` is true the first time only; `claim` takes a
   * key for work that can fail half-way, ended by complete() or forget().
   */
  readonly inbound: {
    once(key: string): Promise<boolean>;
    claim(key: string, staleAfterMs: number): Promise<boolean>;
    complete(key: string): Promise<void>;
    forget(key: string): Promise<void>;
    prune(olderThan: Date): Promise<number>;
  };
  /** OAuth install records of chat apps, stored as the platform SDK shapes them. */
  /** Autocomplete look-ups, staff created from a platform role, expiring dedupe keys. */
  readonly chat: ChatStore;
  readonly chatInstallations: {
    save(platform: Platform, key: string, data: unknown): Promise<void>;
    find(platform: Platform, key: string): Promise<unknown>;
    delete(platform: Platform, key: string): Promise<void>;
    keys(platform: Platform): Promise<string[]>;
  };
  /** Relays pending outbox events in-process and returns what was sent. */
  flushNotifications(): Promise<Notification[]>;
  /** Who reads notifications in which language (staff locale, else the policy's): one query. */
  notificationLocales(): Promise<NotificationLocales>;
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
  const calendar = BusinessCalendar.fromPolicy(policy, defaultHolidayCalendar(), {
    onUncoveredYear: (year) =>
      logger.warn(
        `no holiday data for ${year}: counting Monday-Friday as working days (add calendar.extraDaysOff)`,
      ),
  });
  const coverage = describeCoverage(calendar, (options.clock ?? systemClock).now());
  logger.info(coverage.summary);
  for (const warning of coverage.warnings) logger.warn(warning);
  const uow = prismaUnitOfWork(db.prisma);
  const directory = staffDirectory(db.prisma);
  // Pure reads run outside a transaction: under READ COMMITTED each statement
  // sees the same committed rows either way, without the BEGIN and COMMIT.
  const reads = {
    complaints: complaintRepository(db.prisma),
    deadlines: deadlineRepository(db.prisma),
  };
  const identify: App["identify"] = async (platform, externalId, lookupEmail) => {
    const linked = await directory.linked(platform, externalId);
    if (linked) return linked.active ? { staffId: linked.id, locale: linked.locale } : null;
    const email = lookupEmail ? await lookupEmail() : null;
    if (!email) return null;
    return uow.transaction(async (repos) => {
      const staff = await repos.staff.findByEmail(email);
      if (!staff?.active) return null;
      if (!(await repos.staff.linkIdentity(staff.id, platform, externalId))) {
        // Linked meanwhile by a concurrent first message: that link stands.
        const holder = await repos.staff.findByIdentity(platform, externalId);
        return holder?.active ? { staffId: holder.id, locale: holder.locale } : null;
      }
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
      return { staffId: staff.id, locale: staff.locale };
    });
  };
  // Only people with a language of their own; everyone else reads the policy's.
  const notificationLocales = async () =>
    staffLocales(
      await db.prisma.staff.findMany({
        where: { locale: { not: null } },
        select: { id: true, locale: true },
      }),
      policy,
    );
  const engine = new Engine({
    uow,
    policy,
    calendar,
    clock: options.clock ?? systemClock,
    onInternalError: (error, ctx) =>
      logger.error({ err: error, actor: ctx.actorId }, "command failed"),
    services: {
      charts: lazyChartRenderer(),
      exporter: fileExporter(db.prisma, {
        dir: path.join(config.dataDir, "exports"),
        sinks: { xlsx: lazyXlsxSink },
      }),
    },
  });
  return {
    engine,
    db,
    policy,
    calendar,
    clock: options.clock ?? systemClock,
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
    identify,
    async resolveStaff(platform, externalId, lookupEmail) {
      return (await identify(platform, externalId, lookupEmail))?.staffId ?? null;
    },
    staffProfile: (id) => directory.profile(id),
    async complaintSummary(number) {
      const c = await reads.complaints.findByNumber(number);
      if (!c) return null;
      const now = (options.clock ?? systemClock).now();
      const deadlines = (await reads.deadlines.list(c.id)).map((d) => deadlineView(d, now));
      return complaintView(c, { showContact: false, deadlines });
    },
    chatMessages: chatMessageStore(db.prisma),
    inbound: inboundKeyStore(db.prisma),
    chat: chatStore(db.prisma),
    chatInstallations: chatInstallationStore(db.prisma),
    async flushNotifications() {
      const sent: Notification[] = [];
      const notifier = {
        send: (n: Notification) => {
          sent.push(n);
          return Promise.resolve();
        },
      };
      await relayOutbox(db.prisma, notifier, 100, await notificationLocales());
      return sent;
    },
    notificationLocales,
    close: () => db.close(),
  };
}
