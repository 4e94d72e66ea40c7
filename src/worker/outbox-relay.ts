import type { Notifier } from "../core/notifications/notifier.ts";
import {
  englishNotifications,
  notificationsFor,
  type NotificationLocales,
} from "../core/notifications/render.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { relayEvents } from "./event-relay.ts";

/**
 * Relays pending outbox events straight to one notifier, in order, without
 * queues: what the console (without Redis) and the adapter tests use. The
 * claiming and publishing is relayEvents', the same as the worker's.
 * Returns how many events were relayed.
 */
export function relayOutbox(
  prisma: PrismaClient,
  notifier: Notifier,
  batchSize = 100,
  /** Each recipient's language (App.notificationLocales); default everyone in English. */
  locales: NotificationLocales = englishNotifications,
): Promise<number> {
  return relayEvents(
    prisma,
    async (event) => {
      for (const n of notificationsFor(event, locales)) await notifier.send(n);
    },
    batchSize,
  );
}
