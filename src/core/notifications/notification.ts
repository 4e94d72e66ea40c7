import type { ReplyAction } from "../reply/reply.ts";
import type { ChartSpec } from "../reports/charts.ts";

/**
 * A message for a person or a team, independent of the platform. `to` is a
 * staff id for DMs and a team channel reference for channel posts; adapters
 * map both to their own addresses.
 */
export interface Notification {
  kind: "dm" | "channel";
  to: string;
  text: string;
  /** The complaint it is about, so adapters can add buttons and threads. */
  complaint?: string;
  /** Stable per notification: deliverers use it to never send twice. */
  key: string;
  /** Buttons (Approve / Reject …): each runs its command line as the person who presses it. */
  actions?: ReplyAction[];
  /** Major complaints and overdue alerts are not held back for working hours. */
  urgent?: boolean;
  /**
   * Charts that go with the text (the monthly summary's), as specs: each
   * deliverer draws them (notificationFiles) and sends the PNGs with the
   * message. The outbox and the delivery queue keep a spec of a few hundred
   * bytes instead of an image of tens of kB, and a retried delivery draws the
   * same picture again.
   */
  charts?: ChartSpec[];
}

/** What the outbox holds for one event. */
export interface DomainEvent {
  id: string;
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}
