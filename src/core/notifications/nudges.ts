import type { Complaint } from "../complaint/complaint.ts";
import type { DeadlineRecord } from "../deadlines/deadline.ts";
import type { Milestone } from "../deadlines/milestones.ts";
import { translator, type Locale, type Translator } from "../i18n/translate.ts";
import { formatWallTime } from "../time/zoned.ts";
import type { Notification } from "./notification.ts";
import { englishNotifications, type NotificationLocales } from "./render.ts";

/** Who may be told about a case's deadline, resolved by the worker when it fires. */
export interface NudgeRecipients {
  /** The assignee, or the first-contact owner while nobody is assigned. */
  responsible: string;
  owner: string;
  deptManager: string | null;
  teamChannel: string | null;
  gms: readonly string[];
}

export interface NudgeInput {
  complaint: Complaint;
  deadline: DeadlineRecord;
  milestone: Milestone;
  recipients: NudgeRecipients;
  now: Date;
  timeZone: string;
  /** Each recipient's language; default everyone in English. */
  locales?: NotificationLocales;
}

/** A stable key per complaint x deadline x milestone x version x recipient: sent once, ever. */
export function nudgeKey(i: NudgeInput, to: string): string {
  return `nudge|${i.complaint.id}|${i.deadline.kind}|${i.milestone.id}|v${i.deadline.version}|${to}`;
}

/**
 * What a deadline milestone sends (seed 002 催办: overdue cases are chased;
 * 001: escalation up the line). Major complaints are urgent: they are not
 * held back for working hours.
 */
export function nudgeNotifications(i: NudgeInput): Notification[] {
  const { complaint: c, deadline: d, milestone: m, recipients: r } = i;
  const locales = i.locales ?? englishNotifications;
  const tr = (locale: Locale): Translator => translator(locale, locales.labels);
  const due = d.dueAt ?? i.now;
  // Whole seconds: "overdue by 2 s", never "2 s 40 ms".
  const seconds = (ms: number) => Math.max(0, Math.round(ms / 1000)) * 1000;
  const about = { number: c.number, kind: d.kind };
  const late = seconds(i.now.getTime() - due.getTime());
  const left = seconds(due.getTime() - i.now.getTime());
  const urgent = c.majorAt !== null;
  const dm = (to: string, text: (t: Translator) => string): Notification => {
    const t = tr(locales.localeOf(to));
    return {
      kind: "dm",
      to,
      text: text(t),
      complaint: c.number,
      key: nudgeKey(i, to),
      urgent,
      actions: [{ id: "show", label: t("action.show"), command: `complaint show id:${c.number}` }],
    };
  };
  switch (m.kind) {
    case "reminder":
      return [
        dm(r.responsible, (t) =>
          t("nudge.reminder", { ...about, due: formatWallTime(due, i.timeZone), left }),
        ),
      ];
    case "due":
      return [dm(r.responsible, (t) => t("nudge.due", about))];
    case "overdue":
      return [dm(r.responsible, (t) => t("nudge.overdue", { ...about, late }))];
    case "escalation": {
      const text = (t: Translator) =>
        t("nudge.escalation", { ...about, late, responsible: r.responsible });
      if (m.rung === "team-channel") {
        return r.teamChannel
          ? [
              {
                kind: "channel",
                to: r.teamChannel,
                text: tr(locales.channelLocale)("nudge.teamOverdue", {
                  ...about,
                  late,
                  responsible: r.responsible,
                }),
                complaint: c.number,
                key: nudgeKey(i, `#${r.teamChannel}`),
                urgent,
              },
            ]
          : [];
      }
      const to =
        m.rung === "owner"
          ? [r.owner]
          : m.rung === "dept-manager"
            ? r.deptManager
              ? [r.deptManager]
              : []
            : m.rung === "gm"
              ? [...r.gms]
              : [r.responsible];
      return to.map((id) => dm(id, text));
    }
  }
}
