import type { Notification } from "../core/notifications/notification.ts";
import type { Notifier } from "../core/notifications/notifier.ts";

/**
 * Delivery to the terminal: the console adapter prints what Slack or
 * Discord would send. The sink is set once the console session exists.
 */
export class ConsoleNotifier implements Notifier {
  private sink: ((n: Notification) => void) | null = null;

  attach(sink: (n: Notification) => void): void {
    this.sink = sink;
  }

  send(n: Notification): Promise<void> {
    if (!this.sink) return Promise.reject(new Error("console is not attached yet"));
    this.sink(n);
    return Promise.resolve();
  }
}
