import { inEnglish, msg, type Translator } from "../i18n/translate.ts";
import { parseDuration } from "../policy/duration.ts";
import type { Channel, Policy } from "../policy/schema.ts";
import type { Repositories } from "../ports.ts";
import type { Severity } from "./status.ts";

/**
 * Seed 001: a major complaint (third party or media, marked major, or many
 * complaints about one issue in a short time) goes to leadership at once.
 * Returns why this complaint is major, or null: in English, as it is stored
 * (majorReasonText gives it in another language).
 */
export async function majorReason(
  repos: Repositories,
  policy: Policy,
  intake: { channel: string; severity: Severity; issueKey: string | null; receivedAt: Date },
): Promise<string | null> {
  const channel = policy.channels.find((c) => c.id === intake.channel);
  if (channel?.major) return inEnglish(msg("major.viaChannel", { label: channel.labels.en }));
  if (intake.severity === "major") return inEnglish(msg("major.marked"));
  if (intake.issueKey) {
    const since = new Date(intake.receivedAt.getTime() - policy.major.sameIssueWindow.ms);
    // This complaint is not stored yet, hence the + 1.
    const count = (await repos.complaints.countByIssue(intake.issueKey, since)) + 1;
    if (count >= policy.major.sameIssueCount) {
      return inEnglish(
        msg("major.sameIssue", {
          count,
          issue: intake.issueKey,
          window: policy.major.sameIssueWindow,
        }),
      );
    }
  }
  return null;
}

/**
 * A stored reason in `t`'s language. The reason is stored as English text
 * (the complaint's `major.reason`), so the three forms majorReason writes
 * are read back here; anything else is shown as stored.
 */
export function majorReasonText(reason: string, t: Translator): string {
  const channels: readonly Channel[] = t.policyLabels?.channels ?? [];
  if (t.locale === "en") return reason;
  const via = /^came in through (.+)$/.exec(reason);
  if (via?.[1] !== undefined) {
    const label = via[1];
    const channel = channels.find((c) => c.labels.en === label);
    return t("major.viaChannel", { label: channel ? channel.labels[t.locale] : label });
  }
  if (reason === inEnglish(msg("major.marked"))) return t("major.marked");
  const same = /^(\d+) complaints about issue (\S+) within (\S+)$/.exec(reason);
  if (same?.[1] && same[2] && same[3]) {
    try {
      return t("major.sameIssue", {
        count: Number(same[1]),
        issue: same[2],
        window: parseDuration(same[3]),
      });
    } catch {
      return reason;
    }
  }
  return reason;
}

/** Outbox payload that tells leadership by DM and posts to the management channel. */
export async function majorEventPayload(
  repos: Repositories,
  policy: Policy,
  reason: string,
): Promise<Record<string, unknown>> {
  const leaders = new Set<string>();
  for (const role of policy.major.notify) {
    for (const s of await repos.staff.list({ role })) if (s.active) leaders.add(s.id);
  }
  return {
    reason,
    leaders: [...leaders].sort(),
    managementChannel: policy.major.managementChannel,
  };
}
