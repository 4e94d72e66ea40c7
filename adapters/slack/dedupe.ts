/**
 * Idempotency keys for what Slack may deliver more than once. Slack retries
 * (x-slack-retry-num) and Socket Mode redeliveries repeat the same payload,
 * so keys come from the payload's own fields, never from arrival order.
 */
import { createHash } from "node:crypto";

const clean = (part: string | undefined) => (part ?? "-").replace(/[^A-Za-z0-9._:@-]/g, "_");

/** A value someone else wrote (a button's value may hold anything, NUL included): a digest keeps the key storable and bounded. */
const digest = (part: string) => createHash("sha256").update(part).digest("base64url");

/** A slash command invocation: its trigger_id is unique per invocation. */
export const commandKey = (team: string | undefined, triggerId: string) =>
  `slack:cmd:${clean(team)}:${clean(triggerId)}`;

/**
 * A button press: the same button on the same message by the same person.
 * Card buttons carry the complaint version, so after the card changes the
 * same button is a new key; a double click is not.
 */
export const clickKey = (
  team: string | undefined,
  container: string,
  actionId: string,
  value: string,
  user: string,
) =>
  `slack:click:${clean(team)}:${clean(container)}:${clean(actionId)}:${clean(user)}:${digest(value)}`;

/** A modal submission: the view's hash changes with every update, so a fixed form can be sent again. */
export const viewKey = (team: string | undefined, viewId: string, hash: string | undefined) =>
  `slack:view:${clean(team)}:${clean(viewId)}:${clean(hash)}`;

export const eventKey = (eventId: string) => `slack:event:${clean(eventId)}`;

export const notificationKey = (key: string) => `slack:notify:${key}`;
