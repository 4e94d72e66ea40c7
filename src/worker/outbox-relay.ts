import type { DomainEvent } from "../core/notifications/notification.ts";
import type { Notifier } from "../core/notifications/notifier.ts";
import {
  englishNotifications,
  notificationsFor,
  type NotificationLocales,
} from "../core/notifications/render.ts";
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
 * Delivers pending outbox events in order and marks them published in the
 * same transaction: a crash before commit re-delivers (at least once), and
 * SKIP LOCKED lets several relays share the table without sending twice.
 * Returns how many events were relayed.
 */
export async function relayOutbox(
  prisma: PrismaClient,
  notifier: Notifier,
  batchSize = 100,
  /** Each recipient's language (App.notificationLocales); default everyone in English. */
  locales: NotificationLocales = englishNotifications,
): Promise<number> {
  let relayed = 0;
  for (;;) {
    const count = await prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<OutboxRow[]>`
        SELECT id, type, aggregate_id, payload FROM outbox_event
        WHERE published_at IS NULL ORDER BY id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      for (const row of rows) {
        const event: DomainEvent = {
          id: row.id.toString(),
          type: row.type,
          aggregateId: row.aggregate_id,
          payload: asPayload(row.payload),
        };
        for (const n of notificationsFor(event, locales)) await notifier.send(n);
        await tx.$executeRaw`UPDATE outbox_event SET published_at = now(), attempts = attempts + 1 WHERE id = ${row.id}`;
      }
      return rows.length;
    });
    relayed += count;
    if (count < batchSize) return relayed;
  }
}
