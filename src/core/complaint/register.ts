import type { Policy } from "../policy/schema.ts";
import type { Repositories } from "../ports.ts";
import { yearMonthCode } from "../time/zoned.ts";
import type { Complaint, NewComplaint } from "./complaint.ts";
import { serializePatch } from "./mutate.ts";

/** `TS-YYMM-NNNN`: the sequence restarts every month (seed 002). */
export async function nextComplaintNumber(
  repos: Repositories,
  policy: Policy,
  now: Date,
): Promise<string> {
  const period = yearMonthCode(now, policy.timezone);
  const sequence = await repos.counters.next("complaint_number", period);
  return `${policy.numbering.prefix}-${period}-${String(sequence).padStart(4, "0")}`;
}

/**
 * Inserts a new complaint with its opening audit row (a full snapshot, from
 * which the trail replays) and its outbox event, in the caller's transaction.
 */
export async function registerComplaint(
  repos: Repositories,
  actorId: string,
  data: NewComplaint,
  event: { type: string; payload: Record<string, unknown> },
  auditExtra: Record<string, unknown> = {},
): Promise<Complaint> {
  const created = await repos.complaints.insert(data);
  await repos.audit.append({
    complaintId: created.id,
    subject: created.number,
    actorId,
    action: "complaint.opened",
    fromStatus: null,
    toStatus: created.status,
    version: created.version,
    data: { snapshot: serializePatch(data), ...auditExtra },
  });
  await repos.outbox.add({
    type: event.type,
    aggregateId: created.id,
    payload: { number: created.number, actorId, version: created.version, ...event.payload },
  });
  return created;
}
