import type { webApi } from "@slack/bolt";
import type { Outcome } from "../../../src/core/reply/reply.ts";
import type { Logger } from "../../../src/logging.ts";
import type { SlackBackend } from "../backend.ts";
import { context, escape } from "../blocks.ts";
import type { CardService } from "../cards.ts";
import { sendAttachment, sendFiles } from "../files.ts";
import type { SlackIdentity } from "../identity.ts";
import type { AnyCommand } from "../../../src/core/commands/command.ts";
import type { RetryPolicy } from "../web-api.ts";

/** What every Slack handler works with. */
export interface HandlerDeps {
  backend: SlackBackend;
  identity: SlackIdentity;
  /** Cards, threads and paced posts for interactive paths (retrying within bounds). */
  cards: CardService;
  retry: RetryPolicy;
  logger: Logger;
  now: () => Date;
  /** Called once a handler has acked (tests measure the ack against the work). */
  onAck?: (what: string) => void;
}

/**
 * After a Slack user changed a complaint: its card shows the new state, and
 * the thread says who did what. Only commands that act on one case
 * (permission scope "case") are threaded; `show` and `list` are not changes.
 */
export async function afterChange(
  deps: HandlerDeps,
  client: webApi.WebClient,
  command: AnyCommand | null,
  outcome: Outcome,
  slackUserId: string,
): Promise<void> {
  if (!outcome.ok || !outcome.complaint) return;
  if (command?.permission.scope !== "case") return;
  const number = outcome.complaint.number;
  try {
    await deps.cards.refresh(client, number);
    await deps.cards.thread(client, number, {
      text: escape(outcome.text),
      blocks: [context(`<@${slackUserId}>: ${escape(outcome.text)}`)],
    });
  } catch (error) {
    // The change is made; a stale card is fixed by the next refresh.
    deps.logger.warn({ err: error, complaint: number }, "could not update the Slack card");
  }
}

/** Sends a reply's files to the requester's DM (see files.ts); a failure is told, not thrown. */
export async function deliverAttachment(
  deps: HandlerDeps,
  client: webApi.WebClient,
  slackUserId: string,
  outcome: Outcome,
): Promise<void> {
  if (!outcome.ok) return;
  if (outcome.attachment) {
    try {
      await sendAttachment(client, slackUserId, outcome.attachment, deps.retry);
    } catch (error) {
      deps.logger.warn(
        { err: error, file: outcome.attachment.filename },
        "could not send a reply's file to the requester's DM",
      );
    }
  }
  if (outcome.files?.length) {
    try {
      await sendFiles(client, slackUserId, outcome.files, deps.retry);
    } catch (error) {
      deps.logger.warn(
        { err: error, files: outcome.files.map((f) => f.filename) },
        "could not send a reply's files to the requester's DM",
      );
    }
  }
}
