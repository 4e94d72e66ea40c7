import type { Queue } from "bullmq";
import type { App } from "../app.ts";
import type { Policy } from "../core/policy/schema.ts";
import type { Logger } from "../logging.ts";
import { ensureSystemActor, SYSTEM_ACTOR } from "../store/bootstrap.ts";
import { enqueueDelivery, type MaintenanceJob, type Queues } from "./queues.ts";
import type { Notification } from "../core/notifications/notification.ts";
import type { NotificationLocales } from "../core/notifications/render.ts";
import { translator } from "../core/i18n/translate.ts";
import { wallTime } from "../core/time/zoned.ts";

/**
 * Periodic jobs, as BullMQ job schedulers (one per name however many workers
 * run): the reconciler, the daily report per team at policy.reports.dailyReportAt
 * and the reminder of the monthly summary a few days before it is due.
 */
export async function registerSchedulers(
  queue: Queue<MaintenanceJob>,
  policy: Policy,
  reconcileEvery: string,
): Promise<void> {
  const [hh, mm] = policy.reports.dailyReportAt.split(":").map(Number);
  const reminderDay = Math.max(1, policy.reports.monthlySummaryDueDay - 3);
  const tz = policy.timezone;
  await queue.upsertJobScheduler(
    "reconcile",
    { pattern: reconcileEvery },
    { name: "reconcile", data: {} },
  );
  await queue.upsertJobScheduler(
    "daily-digest",
    { pattern: `${mm ?? 0} ${hh ?? 18} * * *`, tz },
    { name: "daily-digest", data: {} },
  );
  await queue.upsertJobScheduler(
    "monthly-reminder",
    { pattern: `0 9 ${reminderDay} * *`, tz },
    { name: "monthly-reminder", data: {} },
  );
}

/** Runs one scheduled report through the engine, as the system actor. */
export async function runScheduled(
  app: App,
  queues: Queues,
  platforms: readonly string[],
  name: string,
  logger: Logger,
): Promise<string> {
  await ensureSystemActor(app.db.prisma);
  if (name === "daily-digest") {
    const departments = await app.db.prisma.department.findMany({
      select: { id: true },
      orderBy: { id: "asc" },
    });
    for (const d of departments) {
      const outcome = await app.engine.run(["daily"], { dept: d.id }, SYSTEM_ACTOR);
      if (!outcome.ok) logger.warn({ dept: d.id, error: outcome.error }, "daily report failed");
    }
    return `daily reports for ${departments.length} team(s)`;
  }
  if (name === "monthly-reminder") {
    // The summary itself (stats post:yes) goes to the management channel, once
    // a month even when this job is retried; managers get a reminder. The post
    // carries its charts whatever charts: says; charts:no spares drawing them
    // for an answer nobody reads.
    const month = previousMonth(app);
    const posted = await app.db.prisma.auditEvent.findFirst({
      where: {
        action: "report.monthly",
        actorId: SYSTEM_ACTOR,
        data: { path: ["month"], equals: month },
      },
      select: { id: true },
    });
    if (!posted) {
      const summary = await app.engine.run(
        ["stats"],
        { month, post: "yes", charts: "no" },
        SYSTEM_ACTOR,
      );
      if (!summary.ok) logger.warn({ error: summary.error }, "monthly summary failed");
    }
    const notifications = monthlyReminder(
      app,
      await managers(app),
      await app.notificationLocales(),
    );
    for (const n of notifications)
      await enqueueDelivery(queues.notifications, platforms, n, Date.now());
    return `monthly summary reminder to ${notifications.length} recipient(s)`;
  }
  logger.warn({ name }, "unknown maintenance job");
  return "unknown";
}

async function managers(app: App): Promise<string[]> {
  const rows = await app.db.prisma.staff.findMany({
    where: { active: true, role: "dept-manager" },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id);
}

function previousMonth(app: App): string {
  const now = wallTime(app.clock.now(), app.policy.timezone);
  const prev = now.month === 1 ? { y: now.year - 1, m: 12 } : { y: now.year, m: now.month - 1 };
  return `${prev.y}-${String(prev.m).padStart(2, "0")}`;
}

/**
 * Seed 002: the monthly summary, with responsibility attribution, is due by
 * the 10th. Keys carry the month, so the reminder goes out once a month;
 * each manager reads it in their own language.
 */
export function monthlyReminder(
  app: App,
  managerIds: readonly string[],
  locales: NotificationLocales,
): Notification[] {
  const month = previousMonth(app);
  const day = app.policy.reports.monthlySummaryDueDay;
  return managerIds.map((id): Notification => ({
    kind: "dm",
    to: id,
    text: translator(locales.localeOf(id))("notify.monthlyReminder", { month, day }),
    key: `monthly|${month}|${id}`,
  }));
}
