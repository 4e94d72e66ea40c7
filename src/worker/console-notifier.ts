import type { Notification } from "../core/notifications/notification.ts";
import type { Notifier } from "../core/notifications/notifier.ts";

/**
 * Delivery to the terminal: the console adapter prints what Slack or
 * Discord would send. The sink is set once the console session exists.
 */
export class ConsoleNotifier implements Notifier {
  private sink: ((n: Notification) => void | Promise<void>) | null = null;

  /** The sink may take its time (it draws a notification's charts into files): sends wait for it. */
  attach(sink: (n: Notification) => void | Promise<void>): void {
    this.sink = sink;
  }

  async send(n: Notification): Promise<void> {
    if (!this.sink) throw new Error("console is not attached yet");
    await this.sink(n);
  }
}
