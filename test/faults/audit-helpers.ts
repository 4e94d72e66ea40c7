/**
 * Checks shared by the fault tests that race, replay or fuzz commands: what
 * the audit trail and the outbox must say about a complaint afterwards, and
 * whether a text leaks a customer's full phone number.
 */
import { expect } from "vitest";
import { ErrorCode } from "../../src/core/errors.ts";
import type { Outcome } from "../../src/core/reply/reply.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";

/** Codes a user's mistake (or a lost race) may produce; E_INTERNAL and E_UNAVAILABLE are not among them. */
export const userErrorCodes: ReadonlySet<string> = new Set(
  Object.values(ErrorCode).filter((c) => c !== ErrorCode.Internal && c !== ErrorCode.Unavailable),
);

/** A failed outcome's code, or null for a success; fails the test on anything uncoded. */
export function codeOf(outcome: Outcome, context: string): string | null {
  if (outcome.ok) return null;
  expect(userErrorCodes.has(outcome.error.code), `${context}: ${outcome.text}`).toBe(true);
  expect(outcome.text.startsWith(`${outcome.error.code}: `), context).toBe(true);
  return outcome.error.code;
}

/**
 * Audit actions whose change always emits exactly one outbox event (of the
 * same type unless listed in `eventTypeOf`); the rest emit at most one.
 */
const alwaysNotifies = new Set([
  "complaint.assigned",
  "complaint.waiting",
  "complaint.resumed",
  "complaint.resolved",
  "complaint.escalated",
  "complaint.stage",
  "complaint.callback_done",
  "complaint.rehandle",
  "complaint.closed",
  "complaint.reopened",
  "compensation.requested",
  "compensation.decided",
]);
const neverNotifies = new Set(["complaint.triaged", "complaint.invalidated"]);
const eventTypeOf: Record<string, string> = { "contact.unreachable": "complaint.unreachable" };

/** Entries that record a read or a link, not a change of the row. */
const notChanges = new Set(["pii.read", "complaint.repeated"]);

export interface TrailReport {
  /** Versioned audit rows (the changes), in order. */
  changes: number;
  /** Outbox events tied to those changes (the opening one included). */
  events: number;
}

/**
 * The audit trail of one complaint replays to its current row: versions
 * 1, 2, 3 … without a gap or a repeat, each change's patch applied over the
 * opening snapshot gives every stored field; and the outbox holds exactly
 * one event per change that notifies (by version), none for one that does
 * not, and nothing else.
 */
export async function expectTrailReplays(
  prisma: PrismaClient,
  complaintId: string,
): Promise<TrailReport> {
  const row = await prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } });
  const trail = await prisma.auditEvent.findMany({
    where: { complaintId },
    orderBy: { id: "asc" },
  });
  const changes = trail.filter((a) => a.version !== null && !notChanges.has(a.action));
  const label = row.number;
  expect(changes[0]?.action, `${label}: the trail starts with the opening`).toBe(
    "complaint.opened",
  );
  const state: Record<string, unknown> = {
    ...(changes[0]?.data as { snapshot: object }).snapshot,
  };
  let version = 0;
  for (const entry of changes) {
    expect(entry.version, `${label}: versions go up by one (${entry.action})`).toBe(version + 1);
    version = entry.version ?? 0;
    const data = entry.data as { changes?: Record<string, unknown> };
    Object.assign(state, data.changes ?? {});
    if (entry.toStatus) expect(state.status ?? entry.toStatus, label).toBe(entry.toStatus);
  }
  expect(version, `${label}: the last audited version is the row's`).toBe(row.version);
  const current = row as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(state)) {
    const actual = current[key] instanceof Date ? current[key].toISOString() : current[key];
    expect(actual, `${label}.${key} replays`).toEqual(value);
  }

  const events = await prisma.outboxEvent.findMany({
    where: { aggregateId: complaintId },
    orderBy: { id: "asc" },
  });
  const byVersion = new Map<number, string[]>();
  for (const e of events) {
    const v = (e.payload as { version?: unknown }).version;
    expect(typeof v, `${label}: event ${e.type} carries its version`).toBe("number");
    const list = byVersion.get(v as number) ?? [];
    list.push(e.type);
    byVersion.set(v as number, list);
  }
  let expected = 0;
  for (const entry of changes) {
    const v = entry.version ?? 0;
    const types = (byVersion.get(v) ?? []).filter((t) => t !== "complaint.major");
    byVersion.delete(v);
    const what = `${label} v${v} ${entry.action}: outbox events ${JSON.stringify(types)}`;
    if (entry.action === "complaint.opened") {
      expect(types.length, what).toBe(1);
      expected += 1;
    } else if (alwaysNotifies.has(entry.action)) {
      expect(types, what).toEqual([eventTypeOf[entry.action] ?? entry.action]);
      expected += 1;
    } else if (neverNotifies.has(entry.action)) {
      expect(types, what).toEqual([]);
    } else {
      expect(types.length, what).toBeLessThanOrEqual(1);
      if (types[0]) expect(types[0], what).toBe(eventTypeOf[entry.action] ?? entry.action);
      expected += types.length;
    }
  }
  expect([...byVersion.keys()], `${label}: outbox events of versions nobody audited`).toEqual([]);
  const counted = events.filter((e) => e.type !== "complaint.major").length;
  expect(counted, `${label}: one event per notifying change`).toBe(expected);
  return { changes: changes.length, events: counted };
}

/**
 * The full number hidden in `text`, if any: digits may be split by spaces,
 * dashes, dots or brackets (`138 0013 8000`, `138-0013-8000`).
 */
export function leakedPhone(text: string, phones: Iterable<string>): string | null {
  const squeezed = text.replace(/(?<=\d)[\s\-.()]+(?=\d)/g, "");
  for (const phone of phones) {
    if (text.includes(phone) || squeezed.includes(phone)) return phone;
  }
  return null;
}
