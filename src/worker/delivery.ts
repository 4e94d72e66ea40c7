import { DelayedError, UnrecoverableError, type Job, type Processor } from "bullmq";
import type { Notifier } from "../core/notifications/notifier.ts";
import type { Logger } from "../logging.ts";
import type { DeliveryLedger } from "./delivery-ledger.ts";
import type { Metrics } from "./metrics.ts";
import type { DeliverJob } from "./queues.ts";

/** How long to wait when another worker holds the key right now. */
const IN_FLIGHT_RECHECK_MS = 5_000;

/** A platform error that says when to try again (HTTP 429 Retry-After). */
export function retryAfterOf(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const value = (error as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface DeliveryDeps {
  ledger: DeliveryLedger;
  notifiers: Readonly<Record<string, Notifier>>;
  metrics: Metrics;
  logger: Logger;
}

/**
 * Sends one notification exactly once: claim its key, send, mark it sent.
 * A 429 puts the job back for the platform's Retry-After without using up an
 * attempt; other errors are retried with exponential backoff by BullMQ.
 */
export function deliveryProcessor(deps: DeliveryDeps): Processor<DeliverJob, string> {
  return async (job: Job<DeliverJob>, token?: string) => {
    const n = job.data.notification;
    const notifier = deps.notifiers[job.data.platform];
    if (!notifier)
      throw new UnrecoverableError(`no notifier for platform ${job.data.platform} in this process`);
    const claim = await deps.ledger.claim(n);
    if (claim === "already-sent") {
      deps.metrics.duplicatesSkipped.inc();
      return "duplicate";
    }
    if (claim === "dead") return "dead";
    if (claim === "in-flight") {
      await job.moveToDelayed(Date.now() + IN_FLIGHT_RECHECK_MS, token);
      throw new DelayedError();
    }
    try {
      await notifier.send(n);
    } catch (error) {
      await deps.ledger.release(n.key, describe(error));
      const retryAfter = retryAfterOf(error);
      if (retryAfter !== null) {
        deps.metrics.failed.inc({ reason: "rate-limited" });
        deps.logger.warn(
          { key: n.key, retryAfterMs: retryAfter },
          "platform rate limit: delivery postponed",
        );
        await job.moveToDelayed(Date.now() + retryAfter, token);
        throw new DelayedError();
      }
      deps.metrics.failed.inc({ reason: "error" });
      throw error;
    }
    await deps.ledger.sent(n.key);
    deps.metrics.sent.inc({ kind: n.kind });
    if (n.key.startsWith("nudge|"))
      deps.metrics.nudgeLateness.observe(Math.max(0, Date.now() - job.data.dueAt) / 1000);
    return "sent";
  };
}

/** After the last attempt: the dead-letter state, counted and reported. */
export async function onDeliveryFailed(
  deps: Pick<DeliveryDeps, "ledger" | "metrics" | "logger">,
  job: Job<DeliverJob> | undefined,
  error: Error,
  alert: (text: string) => Promise<void>,
): Promise<void> {
  if (!job) return;
  const attempts = job.opts.attempts ?? 1;
  // Final when the attempts ran out, or BullMQ gave up without retrying (unrecoverable, stalled too often).
  const gaveUp = error.name === "UnrecoverableError" || /stalled more than/i.test(error.message);
  if (job.attemptsMade < attempts && !gaveUp) return;
  const n = job.data.notification;
  // The database may be what failed. This runs outside any job: a rejection
  // here would crash the worker, and the dead letter must still be counted,
  // logged and alerted.
  await deps.ledger
    .dead(n.key, error.message)
    .catch((e: unknown) =>
      deps.logger.error(
        { key: n.key, err: e },
        "could not mark the notification dead in the ledger",
      ),
    );
  deps.metrics.deadLettered.inc();
  deps.logger.error(
    { key: n.key, to: n.to, err: error },
    "notification dead-lettered after the last attempt",
  );
  await alert(
    `Notification ${n.key} to ${n.kind === "dm" ? n.to : `#${n.to}`} could not be delivered after ${attempts} attempts: ${error.message}`,
  ).catch((e: unknown) => deps.logger.error({ err: e }, "dead-letter alert failed too"));
}
