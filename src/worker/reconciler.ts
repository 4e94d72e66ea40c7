import type { Logger } from "../logging.ts";
import { scheduleComplaint, type SchedulerDeps } from "./deadline-scheduler.ts";

/**
 * Redis only holds what Postgres can rebuild: every open case with a running
 * deadline gets its nudge jobs (re)added. Deterministic job ids make this
 * safe to run at any time, by any number of workers; after a FLUSHALL it
 * restores every pending deadline.
 */
export async function reconcile(
  deps: SchedulerDeps & { logger: Logger },
  batchSize = 500,
): Promise<{ complaints: number; milestones: number }> {
  let cursor: string | undefined;
  let complaints = 0;
  let milestones = 0;
  for (;;) {
    const batch = await deps.prisma.complaint.findMany({
      where: {
        status: { in: ["registered", "triaged", "assigned", "in_progress"] },
        deadlines: { some: { metAt: null, dueAt: { not: null } } },
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      select: { id: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    for (const { id } of batch) {
      milestones += await scheduleComplaint(deps, id);
      complaints++;
    }
    cursor = batch.at(-1)?.id;
    if (batch.length < batchSize) break;
  }
  deps.logger.info({ complaints, milestones }, "reconciled deadline schedules with Postgres");
  return { complaints, milestones };
}
