import { majorReasonText } from "../complaint/major.ts";
import {
  localeOf,
  translator,
  type Locale,
  type PolicyLabels,
  type Translator,
} from "../i18n/translate.ts";
import type { Policy } from "../policy/schema.ts";
import { parseDuration, type Duration } from "../policy/duration.ts";
import type { ReplyAction } from "../reply/reply.ts";
import type { ChartSpec } from "../reports/charts.ts";
import { monthlyPost, monthlyPostFacts } from "../reports/monthly-post.ts";
import { dailyFacts, dailyReport } from "./daily-report.ts";
import type { DomainEvent, Notification } from "./notification.ts";

/** In which language each recipient reads: the sender looks staff locales up before rendering. */
export interface NotificationLocales {
  /** A DM recipient's language: their own, else the policy's. */
  localeOf(staffId: string): Locale;
  /** Team channels read the policy's language. */
  channelLocale: Locale;
  /** The policy's labels, so Chinese names channels and categories by label. */
  labels?: PolicyLabels;
}

/**
 * The languages of a staff directory (or the part of it an event reaches):
 * each person's own, else the policy's; channels read the policy's.
 */
export function staffLocales(
  staff: readonly { id: string; locale: string | null }[],
  policy: Pick<Policy, "locale"> & PolicyLabels,
): NotificationLocales {
  const own = new Map(staff.map((s) => [s.id, s] as const));
  return {
    localeOf: (id) => localeOf(own.get(id), policy.locale),
    channelLocale: policy.locale,
    labels: policy,
  };
}

/** Everyone in English (tests, tools). */
export const englishNotifications: NotificationLocales = {
  localeOf: () => "en",
  channelLocale: "en",
};

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

const duration = (iso: string | null): Duration | null => {
  if (!iso) return null;
  try {
    return parseDuration(iso);
  } catch {
    return null;
  }
};

type Render = (t: Translator) => string;

/**
 * Who hears about an event, and what they read, each in their own language.
 * Pure: everything it needs is in the event payload, written when the change
 * was made, and in `locales`. Contacts are never part of a notification.
 */
export function notificationsFor(event: DomainEvent, locales: NotificationLocales): Notification[] {
  const p = event.payload;
  const caseNumber = str(p.number);
  const number = caseNumber ?? "?";
  const about = caseNumber ? { complaint: caseNumber } : {};
  const actorId = str(p.actorId);
  const excerpt = str(p.excerpt);
  const translators = new Map<Locale, Translator>();
  const tr = (locale: Locale) => {
    let t = translators.get(locale);
    if (!t) translators.set(locale, (t = translator(locale, locales.labels)));
    return t;
  };
  const actorOf = (t: Translator) => actorId ?? t("common.someone");
  const out: Notification[] = [];
  const dm = (
    to: string | null,
    text: Render,
    slot = "dm",
    extra: { actions?: (t: Translator) => ReplyAction[]; urgent?: boolean } = {},
  ) => {
    if (!to || to === (actorId ?? "someone") || out.some((n) => n.kind === "dm" && n.to === to))
      return;
    const t = tr(locales.localeOf(to));
    out.push({
      kind: "dm",
      to,
      text: text(t),
      ...about,
      key: `${event.id}:${slot}:${to}`,
      ...(extra.actions ? { actions: extra.actions(t) } : {}),
      ...(extra.urgent === undefined ? {} : { urgent: extra.urgent }),
    });
  };
  const channel = (
    to: string | null,
    text: Render,
    urgent = false,
    charts?: (t: Translator) => ChartSpec[],
  ) => {
    if (to) {
      const t = tr(locales.channelLocale);
      const specs = charts?.(t) ?? [];
      out.push({
        kind: "channel",
        to,
        text: text(t),
        ...about,
        key: `${event.id}:channel:${to}`,
        urgent,
        ...(specs.length ? { charts: specs } : {}),
      });
    }
  };
  switch (event.type) {
    case "complaint.opened":
      if (str(p.repeatOf)) {
        dm(str(p.ownerId), (t) =>
          t("notify.repeatOwner", { number, of: str(p.repeatOf) ?? "?", excerpt }),
        );
      }
      channel(str(p.departmentChannel), (t) =>
        t("notify.opened", {
          number,
          channel: str(p.channel) ?? "?",
          severity: str(p.severity) ?? "general",
          actor: actorOf(t),
          excerpt,
        }),
      );
      break;
    case "complaint.repeat_opened":
      dm(str(p.ownerId), (t) =>
        t("notify.repeatOpened", {
          number,
          of: str(p.repeatOf) ?? "?",
          severity: str(p.severity) ?? "?",
          excerpt,
        }),
      );
      break;
    case "complaint.major": {
      const reason = str(p.reason);
      const text: Render = (t) =>
        t("notify.major", {
          number,
          reason: reason ? majorReasonText(reason, t) : t("notify.majorDefault"),
          excerpt,
        });
      for (const leader of strings(p.leaders)) dm(leader, text, "major", { urgent: true });
      channel(str(p.managementChannel), text, true);
      break;
    }
    case "complaint.assigned":
      dm(str(p.assigneeId), (t) =>
        t("notify.assigned", {
          number,
          channel: str(p.channel) ?? "?",
          severity: str(p.severity) ?? "general",
          actor: actorOf(t),
          excerpt,
        }),
      );
      dm(
        str(p.previousAssigneeId),
        (t) => t("notify.reassigned", { number, to: str(p.assigneeId) ?? "?", actor: actorOf(t) }),
        "unassigned",
      );
      break;
    case "complaint.noted":
      dm(str(p.assigneeId), (t) => t("notify.noted", { number, actor: actorOf(t), excerpt }));
      break;
    case "complaint.resolved":
      dm(str(p.ownerId), (t) => t("notify.resolved", { number, actor: actorOf(t) }));
      break;
    case "complaint.rehandle":
      dm(str(p.assigneeId), (t) => t("notify.rehandle", { number }));
      break;
    case "complaint.reopened":
      dm(str(p.assigneeId), (t) =>
        t("notify.reopened", { number, actor: actorOf(t), reason: str(p.reason) }),
      );
      break;
    case "complaint.unreachable": {
      const window = duration(str(p.window));
      const attempts = typeof p.attempts === "number" ? p.attempts : null;
      for (const to of [str(p.managerId), str(p.ownerId), str(p.assigneeId)]) {
        dm(to, (t) => t("notify.unreachable", { number, attempts, window }), "unreachable", {
          urgent: true,
        });
      }
      break;
    }
    case "complaint.escalated":
      dm(
        str(p.toId),
        (t) => t("notify.escalatedTo", { number, actor: actorOf(t), reason: str(p.reason) }),
        "escalated",
        { urgent: true },
      );
      dm(
        str(p.fromId),
        (t) => t("notify.escalatedFrom", { number, to: str(p.toId) ?? "?" }),
        "escalated-from",
      );
      break;
    case "complaint.handover":
      dm(
        str(p.toId),
        (t) =>
          t("notify.handover", {
            number,
            actor: actorOf(t),
            role: str(p.role) ?? "owner",
            note: str(p.note),
          }),
        "handover",
      );
      break;
    case "shift.handover": {
      const count = typeof p.count === "number" ? p.count : null;
      dm(
        str(p.toId),
        (t) =>
          t("notify.shift", {
            from: str(p.fromId) ?? actorOf(t),
            summary:
              count === null
                ? (str(p.summary) ?? "")
                : t("notify.shiftSummary", { count, note: str(p.note), cases: strings(p.cases) }),
          }),
        "shift",
      );
      break;
    }
    case "compensation.requested": {
      const id = str(p.compensationId) ?? "?";
      dm(
        str(p.approverId),
        (t) =>
          t("notify.approval", {
            number,
            actor: actorOf(t),
            id,
            amount: str(p.amount) ?? "?",
            currency: str(p.currency) ?? "",
            loss: str(p.loss) ?? "?",
            reason: str(p.reason) ?? "",
          }),
        "approval",
        {
          actions: (t) => [
            {
              id: "approve",
              label: t("action.approve"),
              command: `complaint approve id:${id} decision:approve`,
              style: "primary",
            },
            {
              id: "reject",
              label: t("action.reject"),
              command: `complaint approve id:${id} decision:reject`,
              style: "danger",
            },
          ],
        },
      );
      break;
    }
    case "compensation.decided":
      dm(
        str(p.requestedById),
        (t) =>
          t("notify.decided", {
            number,
            actor: actorOf(t),
            id: str(p.compensationId) ?? "?",
            status: str(p.status),
            note: str(p.note),
          }),
        "decision",
      );
      break;
    case "report.daily": {
      const facts = dailyFacts(p);
      channel(str(p.channel), (t) =>
        facts ? t("daily.post", dailyReport(t, facts)) : (str(p.text) ?? ""),
      );
      break;
    }
    case "report.monthly": {
      const facts = monthlyPostFacts(p);
      const post = (t: Translator) => (facts ? monthlyPost(t, facts, locales.labels) : null);
      channel(
        str(p.channel),
        (t) => post(t)?.text ?? str(p.text) ?? "",
        false,
        (t) => post(t)?.charts ?? [],
      );
      break;
    }
    default:
      break;
  }
  return out;
}

/** The staff ids an event DMs: whose languages the sender looks up before rendering. */
export function notificationRecipients(event: DomainEvent): string[] {
  return notificationsFor(event, englishNotifications)
    .filter((n) => n.kind === "dm")
    .map((n) => n.to);
}
