import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Queues } from "./queues.ts";

/** Prometheus metrics of the bot and the worker (served on /metrics). */
export class Metrics {
  readonly registry = new Registry();
  readonly sent = new Counter({
    name: "complaint_desk_notifications_sent_total",
    help: "Notifications delivered",
    labelNames: ["kind"],
    registers: [this.registry],
  });
  readonly failed = new Counter({
    name: "complaint_desk_notifications_failed_total",
    help: "Delivery attempts that failed (retried)",
    labelNames: ["reason"],
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: "complaint_desk_notifications_dead_lettered_total",
    help: "Notifications given up after the last retry",
    registers: [this.registry],
  });
  readonly duplicatesSkipped = new Counter({
    name: "complaint_desk_notifications_duplicates_skipped_total",
    help: "Deliveries skipped because the key was already sent",
    registers: [this.registry],
  });
  readonly nudgeLateness = new Histogram({
    name: "complaint_desk_nudge_lateness_seconds",
    help: "How long after its due time a deadline nudge was handed to the platform",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300],
    registers: [this.registry],
  });

  constructor(queues?: Queues) {
    collectDefaultMetrics({ register: this.registry, prefix: "complaint_desk_" });
    if (queues) {
      new Gauge({
        name: "complaint_desk_queue_jobs",
        help: "Jobs per queue and state",
        labelNames: ["queue", "state"],
        registers: [this.registry],
        async collect() {
          for (const q of queues.all()) {
            const counts = await q.getJobCounts("waiting", "active", "delayed", "failed");
            for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
          }
        },
      });
    }
  }
}
