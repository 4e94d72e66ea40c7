import { Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { App } from "../app.ts";
import type { DomainEvent, Notification } from "../core/notifications/notification.ts";
import type { Notifier } from "../core/notifications/notifier.ts";
import { notificationsFor, type NotificationLocales } from "../core/notifications/render.ts";
import type { Logger } from "../logging.ts";
import { scheduleComplaint, type SchedulerDeps } from "./deadline-scheduler.ts";
import { deliveryProcessor, onDeliveryFailed } from "./delivery.ts";
import { DeliveryLedger } from "./delivery-ledger.ts";
import { relayEvents } from "./event-relay.ts";
import { Metrics } from "./metrics.ts";
import { processNudge } from "./nudge.ts";
import {
  enqueueDelivery,
  jobId,
  QueueName,
  Queues,
  redisConnection,
  type DeliverJob,
  type NudgeJob,
  type ScheduleJob,
} from "./queues.ts";
import { reconcile } from "./reconciler.ts";
import { registerSchedulers, runScheduled } from "./schedulers.ts";

export interface WorkerRuntimeOptions {
  app: App;
  redisUrl: string;
  /** Where notifications go, by platform name; each gets its own delivery job. */
  notifiers: Readonly<Record<string, Notifier>>;
  logger: Logger;
  prefix?: string;
  /** Parallel jobs per queue and process. */
  concurrency?: number;
  /** How often the outbox is polled; 0 turns the relay loop off. */
  relayIntervalMs?: number;
  /**
   * Where the relay loop hands notifications instead of the delivery queue:
   * the console prints them in place.
   */
  direct?: (n: Notification) => Promise<void>;
  /** How often the reconciler runs besides at start. */
  reconcileEvery?: string;
  /** Told when a notification is dead-lettered. */
  alert?: (text: string) => Promise<void>;
  metrics?: Metrics;
  /** A delivery claim older than this is taken over (default 60 s). */
  claimTimeoutMs?: number;
}

/** BullMQ's default job lock and stall-check interval. */
const BULLMQ_LOCK_MS = 30_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The deadline worker: relays the outbox, schedules and fires nudges,
 * delivers notifications exactly once, reconciles Redis with Postgres and runs
 * the periodic reports. Any number of these may run against one Redis.
 */
export class WorkerRuntime {
  readonly queues: Queues;
  readonly metrics: Metrics;
  private readonly connection: Redis;
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private readonly ledger: DeliveryLedger;
  private relayTimer: NodeJS.Timeout | null = null;
  private relaying: Promise<unknown> = Promise.resolve();
  private closed = false;
  private relayPauses = 0;

  constructor(private readonly options: WorkerRuntimeOptions) {
    this.connection = redisConnection(options.redisUrl);
    this.queues = new Queues({
      connection: this.connection,
      ...(options.prefix ? { prefix: options.prefix } : {}),
    });
    this.metrics = options.metrics ?? new Metrics(this.queues);
    this.ledger = new DeliveryLedger(options.app.db.prisma, options.claimTimeoutMs);
  }

  private get platforms(): string[] {
    return Object.keys(this.options.notifiers);
  }

  private get scheduler(): SchedulerDeps {
    const { app } = this.options;
    return {
      prisma: app.db.prisma,
      queue: this.queues.deadlines,
      policy: app.policy,
      calendar: app.calendar,
      now: () => app.clock.now(),
    };
  }

  async start(): Promise<void> {
    const { logger } = this.options;
    const concurrency = this.options.concurrency ?? 8;
    // Each worker blocks on its own connection.
    const connection = () => {
      const c = this.connection.duplicate();
      this.connections.push(c);
      return c;
    };
    // A dead worker's jobs come back only when their lock expires and a stall
    // check sees it (BullMQ: 30 s each), whatever the claim timeout says; a
    // shorter claim timeout shortens both, so its deliveries and nudges really
    // are taken over that soon.
    const lock = Math.min(BULLMQ_LOCK_MS, this.options.claimTimeoutMs ?? BULLMQ_LOCK_MS);
    const common = {
      connection: connection(),
      prefix: this.queues.prefix,
      concurrency,
      lockDuration: lock,
      stalledInterval: lock,
    };
    const deadlines = new Worker<ScheduleJob | NudgeJob>(
      QueueName.deadlines,
      async (job) => {
        if (job.name === "schedule") return scheduleComplaint(this.scheduler, job.data.complaintId);
        return processNudge(
          {
            ...this.scheduler,
            notifications: this.queues.notifications,
            platforms: this.platforms,
            logger,
          },
          job as Job<NudgeJob>,
        );
      },
      common,
    );
    const deps = {
      ledger: this.ledger,
      notifiers: this.options.notifiers,
      metrics: this.metrics,
      logger,
    };
    const notifications = new Worker<DeliverJob>(QueueName.notifications, deliveryProcessor(deps), {
      ...common,
      connection: connection(),
    });
    notifications.on("failed", (job, error) => {
      void onDeliveryFailed(deps, job, error, this.options.alert ?? (() => Promise.resolve()));
    });
    const maintenance = new Worker(
      QueueName.maintenance,
      async (job) => {
        if (job.name === "reconcile") return reconcile({ ...this.scheduler, logger });
        return runScheduled(this.options.app, this.queues, this.platforms, job.name, logger);
      },
      { ...common, connection: connection(), concurrency: 1 },
    );
    for (const w of [deadlines, notifications, maintenance]) {
      w.on("error", (error) => logger.error({ err: error, queue: w.name }, "worker error"));
      this.workers.push(w as Worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    await registerSchedulers(
      this.queues.maintenance,
      this.options.app.policy,
      this.options.reconcileEvery ?? "*/5 * * * *",
    );
    await reconcile({ ...this.scheduler, logger });
    const interval = this.options.relayIntervalMs ?? 250;
    if (interval > 0) {
      this.relayTimer = setInterval(() => {
        if (this.relayPauses === 0) void this.relayOnce(this.options.direct);
      }, interval);
    }
  }

  /**
   * Relays pending outbox events: their notifications to the delivery queue
   * (or to `direct`, which the console uses to print them in order), and a
   * re-schedule of the complaint's deadlines.
   */
  /**
   * Holds the relay loop while a command runs, so the command's own
   * notifications come after its answer (the console flushes them itself).
   */
  pauseRelay(): void {
    this.relayPauses++;
  }

  resumeRelay(): void {
    this.relayPauses = Math.max(0, this.relayPauses - 1);
  }

  relayOnce(direct?: (n: Notification) => Promise<void>): Promise<number> {
    // One relay at a time per process; others in other processes are kept apart by SKIP LOCKED.
    const run = this.relaying.then(async () => {
      // Read before the relay's transaction: each recipient reads in their own language.
      const locales = await this.options.app.notificationLocales();
      return relayEvents(this.options.app.db.prisma, (event) =>
        this.handleEvent(event, locales, direct),
      );
    });
    this.relaying = run.catch((error: unknown) =>
      this.options.logger.error({ err: error }, "outbox relay failed"),
    );
    return run;
  }

  private async handleEvent(
    event: DomainEvent,
    locales: NotificationLocales,
    direct?: (n: Notification) => Promise<void>,
  ): Promise<void> {
    const now = Date.now();
    for (const n of notificationsFor(event, locales)) {
      if (direct) await direct(n);
      else await enqueueDelivery(this.queues.notifications, this.platforms, n, now);
    }
    if (UUID.test(event.aggregateId)) {
      await this.queues.deadlines.add(
        "schedule",
        { complaintId: event.aggregateId },
        { jobId: jobId.schedule(event.aggregateId, event.id) },
      );
    }
  }

  /** Graceful stop: no new jobs, running ones finish, connections close. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.relayTimer) clearInterval(this.relayTimer);
    await this.relaying;
    await Promise.all(this.workers.map((w) => w.close()));
    await this.queues.close();
    for (const c of this.connections) c.disconnect();
    this.connection.disconnect();
  }
}
