import type { EscalationRung, Policy } from "../policy/schema.ts";
import type { DeadlineRecord } from "./deadline.ts";

/** Working-time arithmetic the planner needs; BusinessCalendar provides it. */
export interface WorkingTime {
  addWorkingTime(start: Date, ms: number): Date;
  workingTimeBetween(a: Date, b: Date): number;
}

export type MilestoneKind = "reminder" | "due" | "escalation" | "overdue";

/**
 * One moment a deadline needs somebody's attention. `id` is stable for a
 * given deadline version, so scheduling the same plan twice is a no-op.
 */
export interface Milestone {
  id: string;
  kind: MilestoneKind;
  at: Date;
  /** Who is told: the ladder rung (reminders and due go to the responsible person). */
  rung: EscalationRung;
  /** Reminders: how far into the deadline, 0-1. */
  fraction?: number;
  /** Overdue repeats: 1, 2, … */
  repeat?: number;
}

/**
 * The plan for one deadline (policy `reminders` and `escalation`): reminders
 * at fractions of its span — of working time on a working clock — then "due"
 * for the responsible person, then one ladder rung per `escalation.step`,
 * then a reminder every `reminders.overdueEvery` while it stays overdue (the
 * first one here; each schedules the next when it fires).
 */
export function milestonesFor(
  d: DeadlineRecord,
  policy: Policy,
  calendar: WorkingTime,
): Milestone[] {
  if (d.dueAt === null || d.metAt !== null) return [];
  const due = d.dueAt;
  const out: Milestone[] = [];
  const span =
    d.clock === "working"
      ? calendar.workingTimeBetween(d.startedAt, due)
      : due.getTime() - d.startedAt.getTime();
  for (const fraction of policy.reminders.at) {
    if (fraction >= 1 || span <= 0) continue;
    const offset = Math.round(span * fraction);
    const at =
      d.clock === "working"
        ? calendar.addWorkingTime(d.startedAt, offset)
        : new Date(d.startedAt.getTime() + offset);
    out.push({
      id: `r${Math.round(fraction * 100)}`,
      kind: "reminder",
      at,
      rung: "assignee",
      fraction,
    });
  }
  out.push({ id: "due", kind: "due", at: due, rung: "assignee" });
  const ladder = policy.escalation.ladder;
  ladder.slice(1).forEach((rung, i) => {
    out.push({
      id: `e${i + 1}`,
      kind: "escalation",
      at: new Date(due.getTime() + (i + 1) * policy.escalation.step.ms),
      rung,
    });
  });
  out.push(overdueMilestone(d, policy, 1));
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The n-th overdue reminder, after the last escalation rung. */
export function overdueMilestone(d: DeadlineRecord, policy: Policy, n: number): Milestone {
  const due = d.dueAt ?? d.startedAt;
  const rungs = policy.escalation.ladder.length - 1;
  const base = due.getTime() + rungs * policy.escalation.step.ms;
  return {
    id: `o${n}`,
    kind: "overdue",
    at: new Date(base + n * policy.reminders.overdueEvery.ms),
    rung: "assignee",
    repeat: n,
  };
}

/**
 * Of a plan, what still has to be scheduled at `now`: every future milestone,
 * and of those already past only the latest, so a case scheduled late (logged
 * after the fact, or restored after an outage) is told once, not once per
 * missed step.
 */
export function pendingMilestones(plan: readonly Milestone[], now: Date): Milestone[] {
  const past = plan.filter((m) => m.at.getTime() <= now.getTime());
  const future = plan.filter((m) => m.at.getTime() > now.getTime());
  const latest = past.at(-1);
  return latest ? [latest, ...future] : future;
}
