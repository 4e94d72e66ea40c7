import type { DomainEvent } from "../core/notifications/notification.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";

interface OutboxRow {
  id: bigint;
  type: string;
  aggregate_id: string;
  payload: unknown;
}

const asPayload = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * Hands pending outbox events to `handle` in order and marks them published
 * in the same transaction. A crash before the commit hands them over again
 * (at least once: handlers are idempotent by job id and notification key);
 * SKIP LOCKED lets any number of relays share the table. Returns the count.
 */
export async function relayEvents(
  prisma: PrismaClient,
  handle: (event: DomainEvent) => Promise<void>,
  batchSize = 100,
): Promise<number> {
  let relayed = 0;
  for (;;) {
    const count = await prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, type, aggregate_id, payload FROM outbox_event
          WHERE published_at IS NULL ORDER BY id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
        for (const row of rows) {
          await handle({
            id: row.id.toString(),
            type: row.type,
            aggregateId: row.aggregate_id,
            payload: asPayload(row.payload),
          });
        }
        if (rows.length > 0) {
          const ids = rows.map((r) => r.id);
          await tx.$executeRaw`UPDATE outbox_event SET published_at = now(), attempts = attempts + 1 WHERE id = ANY(${ids})`;
        }
        return rows.length;
      },
      { timeout: 60_000 },
    );
    relayed += count;
    if (count < batchSize) return relayed;
  }
}
