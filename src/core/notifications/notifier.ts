import type { Notification } from "./notification.ts";

/** Delivers notifications on one platform; adapters implement it. */
export interface Notifier {
  send(notification: Notification): Promise<void>;
}
