import type { Job, Queue } from "bullmq";
import { milestonesFor, overdueMilestone, type Milestone } from "../core/deadlines/milestones.ts";
import { nudgeNotifications } from "../core/notifications/nudges.ts";
import { staffLocales } from "../core/notifications/render.ts";
import type { Logger } from "../logging.ts";
import { toComplaint } from "../store/repositories/map.ts";
import {
  addNudge,
  quietStatuses,
  toDeadlineRecord,
  type SchedulerDeps,
} from "./deadline-scheduler.ts";
import { enqueueDelivery, type DeliverJob, type NudgeJob } from "./queues.ts";

export interface NudgeDeps extends SchedulerDeps {
  notifications: Queue<DeliverJob>;
  platforms: readonly string[];
  logger: Logger;
}

export type NudgeOutcome = "sent" | "stale" | "quiet" | "met" | "gone";

/**
 * Fires one milestone. It re-reads the case in Postgres first: a resolved or
 * closed case, a met or paused deadline, or a deadline that moved (new
 * version) is never nudged. Recipients are looked up now, so a reassignment
 * since scheduling is respected.
 */
export async function processNudge(deps: NudgeDeps, job: Job<NudgeJob>): Promise<NudgeOutcome> {
  const { complaintId, deadlineKind, milestoneId, version } = job.data;
  const row = await deps.prisma.complaint.findUnique({
    where: { id: complaintId },
    include: { deadlines: { where: { kind: deadlineKind } }, department: true },
  });
  const deadlineRow = row?.deadlines[0];
  if (!row || !deadlineRow) return "gone";
  if (quietStatuses.has(row.status)) return "quiet";
  const deadline = toDeadlineRecord(deadlineRow);
  if (deadline.metAt || !deadline.dueAt) return "met";
  if (deadline.version !== version) return "stale";
  const milestone = findMilestone(deps, deadline, milestoneId);
  if (!milestone) return "stale";
  const complaint = toComplaint(row);
  const responsible = complaint.assigneeId ?? complaint.ownerId;
  const responsibleStaff = await deps.prisma.staff.findUnique({ where: { id: responsible } });
  const gms = await deps.prisma.staff.findMany({
    where: { role: "gm", active: true },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const now = deps.now();
  const recipients = {
    responsible,
    owner: complaint.ownerId,
    deptManager: row.department?.managerId ?? responsibleStaff?.managerId ?? null,
    teamChannel: row.department ? (row.department.channel ?? row.department.id) : null,
    gms: gms.map((g) => g.id),
  };
  // Each recipient reads the nudge in their own language.
  const people = [
    recipients.responsible,
    recipients.owner,
    recipients.deptManager,
    ...recipients.gms,
  ];
  const locales = staffLocales(
    await deps.prisma.staff.findMany({
      where: { id: { in: people.filter((id): id is string => id !== null) } },
      select: { id: true, locale: true },
    }),
    deps.policy,
  );
  const notifications = nudgeNotifications({
    complaint,
    deadline,
    milestone,
    now,
    timeZone: deps.policy.timezone,
    recipients,
    locales,
  });
  for (const n of notifications) {
    await enqueueDelivery(deps.notifications, deps.platforms, n, job.data.at);
  }
  if (milestone.kind === "overdue") {
    // 催办 repeats while the deadline stays overdue; each repeat schedules the next.
    await addNudge(
      deps,
      complaintId,
      deadline,
      overdueMilestone(deadline, deps.policy, (milestone.repeat ?? 1) + 1),
      complaint.majorAt !== null,
    );
  }
  return "sent";
}

function findMilestone(
  deps: SchedulerDeps,
  deadline: Parameters<typeof milestonesFor>[0],
  id: string,
): Milestone | undefined {
  const repeat = /^o(\d+)$/.exec(id);
  if (repeat) return overdueMilestone(deadline, deps.policy, Number(repeat[1]));
  return milestonesFor(deadline, deps.policy, deps.calendar).find((m) => m.id === id);
}
