import { Queue, type ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";
import type { Notification } from "../core/notifications/notification.ts";

/**
 * Every key of every queue shares one Redis Cluster hash slot ({…} is a hash
 * tag), which BullMQ needs for its multi-key scripts on a cluster.
 */
export const DEFAULT_QUEUE_PREFIX = "{complaint-desk}";

export const QueueName = {
  deadlines: "deadlines",
  notifications: "notifications",
  maintenance: "maintenance",
} as const;

export interface ScheduleJob {
  complaintId: string;
}

export interface NudgeJob {
  complaintId: string;
  deadlineKind: string;
  milestoneId: string;
  version: number;
  /** When the milestone falls due (ms); lateness is measured from it. */
  at: number;
}

export interface DeliverJob {
  /** Its key is already per platform: `<notification key>@<platform>`. */
  notification: Notification;
  /** Which configured notifier sends it (console, slack, discord, webhook). */
  platform: string;
  /** When it was meant to go out (ms), for the lateness histogram. */
  dueAt: number;
}

export type MaintenanceJob = Record<string, never>;

/** A BullMQ-ready connection: commands wait for Redis instead of failing. */
export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export interface QueuesOptions {
  connection: ConnectionOptions;
  prefix?: string;
}

/** Producers for the three queues; workers live in their own modules. */
export class Queues {
  readonly prefix: string;
  readonly deadlines: Queue<ScheduleJob | NudgeJob>;
  readonly notifications: Queue<DeliverJob>;
  readonly maintenance: Queue<MaintenanceJob>;

  constructor(options: QueuesOptions) {
    this.prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
    const common = { connection: options.connection, prefix: this.prefix };
    this.deadlines = new Queue(QueueName.deadlines, {
      ...common,
      defaultJobOptions: {
        removeOnComplete: { age: 86_400, count: 100_000 },
        removeOnFail: { age: 7 * 86_400 },
        attempts: 5,
        backoff: { type: "exponential", delay: 1000 },
      },
    });
    this.notifications = new Queue(QueueName.notifications, {
      ...common,
      defaultJobOptions: {
        removeOnComplete: { age: 86_400, count: 100_000 },
        removeOnFail: { age: 30 * 86_400 },
        attempts: 8,
        backoff: { type: "exponential", delay: 1000 },
      },
    });
    this.maintenance = new Queue(QueueName.maintenance, {
      ...common,
      defaultJobOptions: { removeOnComplete: 100, removeOnFail: 100 },
    });
  }

  all(): Queue[] {
    return [this.deadlines, this.notifications, this.maintenance] as Queue[];
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close()));
  }
}

/**
 * Job ids are deterministic, so adding a job twice is a no-op. BullMQ refuses
 * ids with ':' (its key separator), which stage deadlines (`stage:<id>`) and
 * notification keys may contain.
 */
export const jobId = {
  schedule: (complaintId: string, tag: string) => `s|${complaintId}|${tag}`,
  nudge: (complaintId: string, kind: string, milestone: string, version: number) =>
    `n|${complaintId}|${kind.replaceAll(":", "|")}|${milestone}|v${version}`,
  deliver: (key: string) => `d|${key.replaceAll(":", "|")}`,
};

/**
 * One delivery job per platform, each with its own key, so a platform that
 * fails or rate-limits never makes another one send twice.
 */
export async function enqueueDelivery(
  queue: Queue<DeliverJob>,
  platforms: readonly string[],
  n: Notification,
  dueAt: number,
): Promise<void> {
  for (const platform of platforms) {
    const notification = { ...n, key: `${n.key}@${platform}` };
    await queue.add(
      "deliver",
      { notification, platform, dueAt },
      { jobId: jobId.deliver(notification.key) },
    );
  }
}
