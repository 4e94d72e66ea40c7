import type { Locale } from "../i18n/translate.ts";
import { deadlineLabel, isOverdue, type DeadlineRecord } from "./deadline.ts";

/** A deadline as replies show it: what it is, when, and how much time is left. */
export interface DeadlineView {
  kind: string;
  label: string;
  clock: "working" | "calendar";
  dueAt: string | null;
  metAt: string | null;
  paused: boolean;
  overdue: boolean;
  /** Until due (negative: overdue by); null once met or while paused. */
  leftMs: number | null;
}

/** `label` in `locale` (English by default). */
export function deadlineView(d: DeadlineRecord, now: Date, locale: Locale = "en"): DeadlineView {
  return {
    kind: d.kind,
    label: deadlineLabel(d.kind, locale),
    clock: d.clock,
    dueAt: d.dueAt?.toISOString() ?? null,
    metAt: d.metAt?.toISOString() ?? null,
    paused: d.pausedAt !== null,
    overdue: isOverdue(d, now),
    leftMs: d.metAt || !d.dueAt ? null : d.dueAt.getTime() - now.getTime(),
  };
}
