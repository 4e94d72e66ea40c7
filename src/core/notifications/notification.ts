import type { ReplyAction } from "../reply/reply.ts";

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
}

/** What the outbox holds for one event. */
export interface DomainEvent {
  id: string;
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}
