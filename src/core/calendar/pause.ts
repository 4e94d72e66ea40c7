import type { DeadlineRecord } from "../deadlines/deadline.ts";
import type { Clock } from "../policy/schema.ts";

/** The part of the business calendar a paused clock needs. */
export interface WorkingTimeArithmetic {
  addWorkingTime(start: Date, ms: number): Date;
  workingTimeBetween(a: Date, b: Date): number;
}

/**
 * Time left on a deadline at `at`, measured on its own clock: working time for
 * `working`, plain milliseconds for `calendar`. Negative when already overdue,
 * so an overdue deadline that is paused and resumed stays overdue by as much.
 */
export function remainingTime(
  calendar: WorkingTimeArithmetic,
  dueAt: Date,
  at: Date,
  clock: Clock,
): number {
  return clock === "working"
    ? calendar.workingTimeBetween(at, dueAt)
    : dueAt.getTime() - at.getTime();
}

/**
 * The new due instant when a paused clock resumes with `remainingMs` left:
 * the clock restarts at `resumedAt` (a working clock at the next working
 * time), so the time spent waiting on the customer or a third party is not
 * charged to the handler.
 */
export function resumeDeadline(
  calendar: WorkingTimeArithmetic,
  remainingMs: number,
  resumedAt: Date,
  clock: Clock,
): Date {
  return clock === "working"
    ? calendar.addWorkingTime(resumedAt, remainingMs)
    : new Date(resumedAt.getTime() + remainingMs);
}

/**
 * Stops a deadline's clock: keeps the time left and clears the due instant.
 * Met or already paused deadlines are returned unchanged. The version goes up
 * because the due instant changed (anything scheduled for the old one is stale).
 */
export function pauseDeadlineRecord(
  calendar: WorkingTimeArithmetic,
  d: DeadlineRecord,
  at: Date,
): DeadlineRecord {
  if (d.metAt !== null || d.pausedAt !== null || d.dueAt === null) return d;
  return {
    ...d,
    dueAt: null,
    pausedAt: at,
    remainingMs: remainingTime(calendar, d.dueAt, at, d.clock),
    version: d.version + 1,
  };
}

/** Restarts a paused deadline's clock with the time it had left; others unchanged. */
export function resumeDeadlineRecord(
  calendar: WorkingTimeArithmetic,
  d: DeadlineRecord,
  at: Date,
): DeadlineRecord {
  if (d.metAt !== null || d.pausedAt === null || d.remainingMs === null) return d;
  return {
    ...d,
    dueAt: resumeDeadline(calendar, d.remainingMs, at, d.clock),
    pausedAt: null,
    remainingMs: null,
    version: d.version + 1,
  };
}
