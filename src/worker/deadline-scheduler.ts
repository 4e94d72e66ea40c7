import type { Queue } from "bullmq";
import type { BusinessCalendar } from "../core/calendar/business-calendar.ts";
import { nextDeliveryTime } from "../core/calendar/quiet-hours.ts";
import type { DeadlineRecord } from "../core/deadlines/deadline.ts";
import {
  milestonesFor,
  overdueMilestone,
  pendingMilestones,
  type Milestone,
} from "../core/deadlines/milestones.ts";
import type { Policy } from "../core/policy/schema.ts";
import type { ComplaintDeadline, PrismaClient } from "../generated/prisma/client.ts";
import { jobId, type NudgeJob, type ScheduleJob } from "./queues.ts";

/** Cases in these states are never nudged (the issue: "a resolved or closed case is never nudged"). */
export const quietStatuses = new Set(["resolved", "callback_done", "invalid", "closed"]);

export function toDeadlineRecord(row: ComplaintDeadline): DeadlineRecord {
  return {
    kind: row.kind,
    clock: row.clock === "working" ? "working" : "calendar",
    startedAt: row.startedAt,
    dueAt: row.dueAt,
    metAt: row.metAt,
    pausedAt: row.pausedAt,
    remainingMs: row.remainingMs === null ? null : Number(row.remainingMs),
    version: row.version,
  };
}

export interface SchedulerDeps {
  prisma: PrismaClient;
  queue: Queue<ScheduleJob | NudgeJob>;
  policy: Policy;
  calendar: BusinessCalendar;
  now: () => Date;
}

/** When a milestone's message may go out: major cases at once, others in working time. */
export function deliveryTime(
  deps: Pick<SchedulerDeps, "calendar">,
  m: Milestone,
  urgent: boolean,
): Date {
  return nextDeliveryTime(deps.calendar, m.at, urgent);
}

/** The delayed job for one milestone: fires at its delivery time (quiet hours applied). */
export function nudgeJob(
  deps: SchedulerDeps,
  complaintId: string,
  d: DeadlineRecord,
  m: Milestone,
  urgent: boolean,
) {
  const at = deliveryTime(deps, m, urgent);
  const data: NudgeJob = {
    complaintId,
    deadlineKind: d.kind,
    milestoneId: m.id,
    version: d.version,
    at: at.getTime(),
  };
  return {
    name: "nudge",
    data,
    opts: {
      jobId: jobId.nudge(complaintId, d.kind, m.id, d.version),
      delay: Math.max(0, at.getTime() - deps.now().getTime()),
    },
  };
}

export async function addNudge(
  deps: SchedulerDeps,
  complaintId: string,
  d: DeadlineRecord,
  m: Milestone,
  urgent: boolean,
): Promise<void> {
  const job = nudgeJob(deps, complaintId, d, m, urgent);
  await deps.queue.add(job.name, job.data, job.opts);
}

/**
 * Brings a complaint's delayed nudge jobs in line with Postgres: one job per
 * deadline x milestone x deadline version (deterministic ids, so repeating
 * this is harmless); a case that no longer gets nudges loses its jobs.
 * Returns how many milestones are scheduled.
 */
export async function scheduleComplaint(deps: SchedulerDeps, complaintId: string): Promise<number> {
  const complaint = await deps.prisma.complaint.findUnique({
    where: { id: complaintId },
    include: { deadlines: true },
  });
  if (!complaint) return 0;
  const deadlines = complaint.deadlines.map(toDeadlineRecord);
  if (quietStatuses.has(complaint.status)) {
    await removeJobs(deps, complaintId, deadlines);
    return 0;
  }
  const now = deps.now();
  // One round trip per complaint: the reconciler's speed after a restart or FLUSHALL depends on it.
  const jobs = deadlines.flatMap((d) =>
    pendingMilestones(milestonesFor(d, deps.policy, deps.calendar), now).map((m) =>
      nudgeJob(deps, complaintId, d, m, complaint.majorAt !== null),
    ),
  );
  if (jobs.length > 0) await deps.queue.addBulk(jobs);
  return jobs.length;
}

/** Removes the pending nudges of every version of the case's deadlines. */
async function removeJobs(
  deps: SchedulerDeps,
  complaintId: string,
  deadlines: DeadlineRecord[],
): Promise<void> {
  for (const d of deadlines) {
    const plan = d.dueAt ? milestonesFor({ ...d, metAt: null }, deps.policy, deps.calendar) : [];
    const ids = new Set(plan.map((m) => m.id));
    for (let n = 1; n <= 3; n++) ids.add(overdueMilestone(d, deps.policy, n).id);
    for (let v = 1; v <= d.version; v++) {
      for (const id of ids) {
        // A nudge running right now is locked; it re-reads the case and drops itself.
        await deps.queue.remove(jobId.nudge(complaintId, d.kind, id, v)).catch(() => 0);
      }
    }
  }
}
