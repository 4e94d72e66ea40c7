import type { Policy } from "../policy/schema.ts";
import type { Repositories } from "../ports.ts";
import type { Complaint } from "./complaint.ts";
import { raiseSeverity, type Severity } from "./status.ts";

/**
 * Seeds 000/002: a repeat complaint on the same matter is handled one level
 * higher than before — by the previous handler's manager — with its severity
 * raised. The earlier complaint itself is never changed.
 */
export async function repeatTerms(
  repos: Repositories,
  policy: Policy,
  previous: Complaint,
): Promise<{ ownerId: string; severity: Severity; escalationLevel: number; repeatOfId: string }> {
  const handlerId = previous.assigneeId ?? previous.ownerId;
  const handler = await repos.staff.find(handlerId);
  const manager = handler?.managerId ? await repos.staff.find(handler.managerId) : null;
  return {
    ownerId: manager?.active ? manager.id : handlerId,
    severity: policy.repeat.raiseSeverity ? raiseSeverity(previous.severity) : previous.severity,
    escalationLevel: previous.escalationLevel + 1,
    repeatOfId: previous.id,
  };
}
