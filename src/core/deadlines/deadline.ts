import type { Deadline, Policy } from "../policy/schema.ts";
import { translator, type Locale, type Translator } from "../i18n/translate.ts";
import { formatWallTime } from "../time/zoned.ts";

/** The deadlines every complaint has; stage deadlines are `stage:<id>`. */
export const deadlineKinds = ["first_reply", "result", "close"] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

export interface DeadlineRecord {
  kind: string;
  clock: "working" | "calendar";
  startedAt: Date;
  /** null while paused. */
  dueAt: Date | null;
  metAt: Date | null;
  pausedAt: Date | null;
  remainingMs: number | null;
  version: number;
}

/** Deadline arithmetic; the business calendar implements it. */
export interface DeadlineCalendar {
  deadline(start: Date, deadline: Deadline): Date;
  addWorkingTime(start: Date, ms: number): Date;
  workingTimeBetween(a: Date, b: Date): number;
}

/** "First reply", "Stage processing", "首次答复" … */
export function deadlineLabel(kind: string, locale: Locale = "en"): string {
  return translator(locale).deadline(kind);
}

/** Which first-reply limit applies depends on how the complaint came in (seed 001). */
export function firstReplyDeadline(policy: Policy, channel: string): Deadline {
  const kind = policy.channels.find((c) => c.id === channel)?.kind ?? "direct";
  const table = policy.deadlines.firstReply;
  return kind === "transfer"
    ? table.transfer
    : kind === "third-party"
      ? table.thirdParty
      : table.direct;
}

export function initialDeadlines(
  complaint: { channel: string; domestic: boolean; receivedAt: Date },
  policy: Policy,
  calendar: DeadlineCalendar,
): DeadlineRecord[] {
  const plan: [DeadlineKind, Deadline][] = [
    ["first_reply", firstReplyDeadline(policy, complaint.channel)],
    ["result", policy.deadlines.result],
    [
      "close",
      complaint.domestic ? policy.deadlines.close.domestic : policy.deadlines.close.foreign,
    ],
  ];
  return plan.map(([kind, d]) => ({
    kind,
    clock: d.clock,
    startedAt: complaint.receivedAt,
    dueAt: calendar.deadline(complaint.receivedAt, d),
    metAt: null,
    pausedAt: null,
    remainingMs: null,
    version: 1,
  }));
}

export function isOverdue(d: DeadlineRecord, now: Date): boolean {
  return d.metAt === null && d.dueAt !== null && d.dueAt.getTime() < now.getTime();
}

/** "due 2026-11-25 14:00 (in 1 d 3 h)", "overdue by 2 h", "met 2026-11-24 10:00" (in `t`'s language). */
export function describeDeadline(
  d: DeadlineRecord,
  now: Date,
  timeZone: string,
  t: Translator = translator("en"),
): string {
  const at = (x: Date) => formatWallTime(x, timeZone);
  if (d.metAt) {
    const late = d.dueAt !== null && d.metAt.getTime() > d.dueAt.getTime();
    return t("deadline.met", { at: at(d.metAt), late });
  }
  if (!d.dueAt) return t("deadline.paused", { left: d.remainingMs ?? 0 });
  const left = d.dueAt.getTime() - now.getTime();
  return left >= 0
    ? t("deadline.due", { at: at(d.dueAt), left })
    : t("deadline.overdue", { at: at(d.dueAt), late: -left });
}
