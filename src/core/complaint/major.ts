import type { Policy } from "../policy/schema.ts";
import type { Repositories } from "../ports.ts";
import type { Severity } from "./status.ts";

/**
 * Seed 001: a major complaint (third party or media, marked major, or many
 * complaints about one issue in a short time) goes to leadership at once.
 * Returns why this complaint is major, or null.
 */
export async function majorReason(
  repos: Repositories,
  policy: Policy,
  intake: { channel: string; severity: Severity; issueKey: string | null; receivedAt: Date },
): Promise<string | null> {
  const channel = policy.channels.find((c) => c.id === intake.channel);
  if (channel?.major) return `came in through ${channel.labels.en}`;
  if (intake.severity === "major") return "marked major";
  if (intake.issueKey) {
    const since = new Date(intake.receivedAt.getTime() - policy.major.sameIssueWindow.ms);
    // This complaint is not stored yet, hence the + 1.
    const count = (await repos.complaints.countByIssue(intake.issueKey, since)) + 1;
    if (count >= policy.major.sameIssueCount) {
      return `${count} complaints about issue ${intake.issueKey} within ${policy.major.sameIssueWindow.iso}`;
    }
  }
  return null;
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
