import type { Translator } from "../i18n/translate.ts";

/** What a daily report says, as the outbox event carries it. */
export interface DailyReportFacts {
  /** YYYY-MM-DD in the policy's time zone. */
  day: string;
  /** The team's display name; null: every team. */
  department: string | null;
  opened: number;
  closed: number;
  overdue: readonly string[];
  dueTomorrow: readonly string[];
}

/** The report in `t`'s language: the command's reply and the channel post read the same. */
export function dailyReport(
  t: Translator,
  f: DailyReportFacts,
): { heading: string; lines: string[] } {
  return {
    heading: t("daily.heading", { day: f.day, department: f.department }),
    lines: [
      t("daily.new", { count: f.opened }),
      t("daily.closed", { count: f.closed }),
      t("daily.overdue", { numbers: f.overdue }),
      t("daily.dueTomorrow", { numbers: f.dueTomorrow }),
    ],
  };
}

const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? v : null;

/** The facts of a `report.daily` payload; null for events written before they were carried. */
export function dailyFacts(payload: Record<string, unknown>): DailyReportFacts | null {
  const { day, department, opened, closed } = payload;
  const overdue = strings(payload.overdue);
  const dueTomorrow = strings(payload.dueTomorrow);
  if (typeof day !== "string" || typeof opened !== "number" || typeof closed !== "number")
    return null;
  if (!overdue || !dueTomorrow) return null;
  return {
    day,
    department: typeof department === "string" ? department : null,
    opened,
    closed,
    overdue,
    dueTomorrow,
  };
}
