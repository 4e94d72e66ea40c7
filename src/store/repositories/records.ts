import type {
  AuditRepository,
  CounterRepository,
  JournalRepository,
  NoteRepository,
  OutboxRepository,
  StoredAuditEntry,
} from "../../core/ports.ts";
import { isStatus, type Status } from "../../core/complaint/status.ts";
import { Prisma } from "../../generated/prisma/client.ts";

const statusOrNull = (s: string | null): Status | null => (s !== null && isStatus(s) ? s : null);
/** JSON as Prisma writes a Json column: bigints as strings. */
const jsonText = (v: unknown): string =>
  JSON.stringify(v, (_key, x: unknown) => (typeof x === "bigint" ? x.toString() : x));
const asObject = (v: Prisma.JsonValue): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? v : {};

export function noteRepository(tx: Prisma.TransactionClient): NoteRepository {
  return {
    async add(complaintId, authorId, text) {
      const row = await tx.complaintNote.create({ data: { complaintId, authorId, text } });
      return {
        id: row.id.toString(),
        authorId: row.authorId,
        text: row.text,
        createdAt: row.createdAt,
      };
    },
    async list(complaintId, limit) {
      const rows = await tx.complaintNote.findMany({
        where: { complaintId },
        orderBy: { id: "desc" },
        take: limit,
      });
      return rows.reverse().map((r) => ({
        id: r.id.toString(),
        authorId: r.authorId,
        text: r.text,
        createdAt: r.createdAt,
      }));
    },
  };
}

export function auditRepository(tx: Prisma.TransactionClient): AuditRepository {
  return {
    async append(entry) {
      await tx.auditEvent.create({
        data: { ...entry, data: entry.data as Prisma.InputJsonObject },
      });
    },
    async forComplaint(complaintId) {
      const rows = await tx.auditEvent.findMany({ where: { complaintId }, orderBy: { id: "asc" } });
      return rows.map((r): StoredAuditEntry => ({
        id: r.id.toString(),
        at: r.at,
        complaintId: r.complaintId,
        subject: r.subject,
        actorId: r.actorId,
        action: r.action,
        fromStatus: statusOrNull(r.fromStatus),
        toStatus: statusOrNull(r.toStatus),
        version: r.version,
        data: asObject(r.data),
      }));
    },
  };
}

export function outboxRepository(tx: Prisma.TransactionClient): OutboxRepository {
  return {
    async add(message) {
      await tx.outboxEvent.create({
        data: { ...message, payload: message.payload as Prisma.InputJsonObject },
      });
    },
  };
}

export function journalRepository(tx: Prisma.TransactionClient): JournalRepository {
  return {
    async record(entry, events) {
      // Both stamped here, as Prisma stamps @default(now()) columns on create.
      const at = new Date();
      const audit = Prisma.sql`
        INSERT INTO audit_event
          (complaint_id, subject, actor_id, action, from_status, to_status, version, data, at)
        VALUES (${entry.complaintId}::uuid, ${entry.subject}, ${entry.actorId}, ${entry.action},
          ${entry.fromStatus}, ${entry.toStatus}, ${entry.version}::int,
          ${jsonText(entry.data)}::jsonb, ${at})`;
      if (events.length === 0) {
        await tx.$executeRaw(audit);
        return;
      }
      // A data-modifying WITH runs to completion whether or not it is read.
      const rows = events.map(
        (e) => Prisma.sql`(${e.type}, ${e.aggregateId}, ${jsonText(e.payload)}::jsonb, ${at})`,
      );
      await tx.$executeRaw`
        WITH audit AS (${audit})
        INSERT INTO outbox_event (type, aggregate_id, payload, created_at)
        VALUES ${Prisma.join(rows)}`;
    },
  };
}

export function counterRepository(tx: Prisma.TransactionClient): CounterRepository {
  return {
    async next(kind, period) {
      // The upsert's row lock serialises concurrent openers until commit, so
      // numbers are unique; a rolled-back transaction gives its number back.
      const rows = await tx.$queryRaw<{ value: number }[]>`
        INSERT INTO monthly_counter (kind, period, value) VALUES (${kind}, ${period}, 1)
        ON CONFLICT (kind, period) DO UPDATE SET value = monthly_counter.value + 1
        RETURNING value`;
      const value = rows[0]?.value;
      if (value === undefined) throw new Error(`counter ${kind}/${period} returned no row`);
      return Number(value);
    },
  };
}
