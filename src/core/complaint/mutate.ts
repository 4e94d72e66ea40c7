import { conflict, notFound } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import type { Repositories } from "../ports.ts";
import type { Staff } from "../staff/staff.ts";
import type { Complaint, ComplaintPatch } from "./complaint.ts";
import { transition, type Transition } from "./lifecycle.ts";

export interface Change {
  /** Audit action, e.g. "complaint.assigned"; also the outbox event type. */
  action: string;
  transition?: Transition;
  patch: ComplaintPatch;
  /** Extra audit detail beyond the patch (reasons, previous values). */
  detail?: Record<string, unknown>;
  /** Outbox payload; omitted when the change notifies nobody. */
  event?: Record<string, unknown>;
  /** Outbox event type when it differs from the audit action. */
  eventType?: string;
  /** The version the actor saw (`version:` option); stale means E_CONFLICT. */
  expectedVersion?: number;
}

/**
 * The only way a complaint changes: the optimistic update, its audit row and
 * its outbox event, all through the same transaction's repositories.
 */
export async function applyChange(
  repos: Repositories,
  actor: Staff,
  current: Complaint,
  change: Change,
): Promise<Complaint> {
  if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) {
    throw staleVersion(current, change.expectedVersion);
  }
  const patch: ComplaintPatch = { ...change.patch };
  if (change.transition)
    patch.status = transition(change.transition, current.status, current.number);
  const updated = await repos.complaints.update(current.id, current.version, patch);
  if (!updated) {
    const latest = await repos.complaints.findById(current.id);
    throw staleVersion(latest ?? current, current.version);
  }
  // The audit row and the event in one statement: they commit together anyway.
  await repos.journal.record(
    {
      complaintId: updated.id,
      subject: updated.number,
      actorId: actor.id,
      action: change.action,
      fromStatus: current.status,
      toStatus: updated.status,
      version: updated.version,
      data: { changes: serializePatch(patch), ...(change.detail ?? {}) },
    },
    change.event
      ? [
          {
            type: change.eventType ?? change.action,
            aggregateId: updated.id,
            payload: {
              number: updated.number,
              actorId: actor.id,
              version: updated.version,
              ...change.event,
            },
          },
        ]
      : [],
  );
  return updated;
}

/** E_CONFLICT when the actor acted on a version (`version:`) the complaint has moved past. */
export function staleVersion(latest: Complaint, seen: number) {
  return conflict(msg("mutate.stale", { number: latest.number, seen, version: latest.version }));
}

/** Dates become ISO strings so the audit trail replays exactly. */
export function serializePatch(patch: ComplaintPatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

export async function loadComplaint(repos: Repositories, number: string): Promise<Complaint> {
  const c = await repos.complaints.findByNumber(number);
  if (!c) {
    throw notFound(msg("mutate.noComplaint", { number }));
  }
  return c;
}
