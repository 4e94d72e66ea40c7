import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Notification } from "../core/notifications/notification.ts";

export type Claim = "claimed" | "already-sent" | "in-flight" | "dead";

/**
 * The ledger of notification keys in Postgres. A sender claims a key before
 * talking to the platform and marks it sent after, so a retried, restarted or
 * second worker never sends the same notification again. A claim older than
 * `staleAfterMs` is taken over: its sender died mid-send (the one case where
 * a platform without idempotency keys may see a message twice).
 */
export class DeliveryLedger {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly staleAfterMs = 60_000,
  ) {}

  async claim(n: Notification, now = new Date()): Promise<Claim> {
    const stale = new Date(now.getTime() - this.staleAfterMs);
    // One statement: insert, or take over a pending / stale claim; otherwise report why not.
    const rows = await this.prisma.$queryRaw<{ status: string; claimed: boolean }[]>`
      INSERT INTO notification_delivery (key, status, kind, recipient, attempts, claimed_at)
      VALUES (${n.key}, 'sending', ${n.kind}, ${n.to}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET status = 'sending', attempts = notification_delivery.attempts + 1, claimed_at = ${now}
        WHERE notification_delivery.status = 'pending'
           OR (notification_delivery.status = 'sending' AND notification_delivery.claimed_at < ${stale})
      RETURNING status, true AS claimed`;
    if (rows.length > 0) return "claimed";
    const existing = await this.prisma.notificationDelivery.findUnique({ where: { key: n.key } });
    if (existing?.status === "sent") return "already-sent";
    if (existing?.status === "dead") return "dead";
    return "in-flight";
  }

  async sent(key: string, at = new Date()): Promise<void> {
    await this.prisma.notificationDelivery.update({
      where: { key },
      data: { status: "sent", sentAt: at, lastError: null },
    });
  }

  /** The attempt failed; the key may be claimed again by the retry. */
  async release(key: string, error: string): Promise<void> {
    await this.prisma.notificationDelivery.update({
      where: { key },
      data: { status: "pending", lastError: error.slice(0, 1000) },
    });
  }

  async dead(key: string, error: string): Promise<void> {
    await this.prisma.notificationDelivery.updateMany({
      where: { key, status: { not: "sent" } },
      data: { status: "dead", lastError: error.slice(0, 1000) },
    });
  }
}
