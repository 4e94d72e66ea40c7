import type { webApi } from "@slack/bolt";
import type { Reply } from "../../src/core/reply/reply.ts";
import { withRetries, type RetryPolicy } from "./web-api.ts";

/**
 * A reply's file (a CSV export …) goes to the requester's DM, never to the
 * channel the command was typed in: exports can hold personal data that the
 * rest of the channel may not see.
 */
export async function sendAttachment(
  client: webApi.WebClient,
  slackUserId: string,
  attachment: NonNullable<Reply["attachment"]>,
  retry: RetryPolicy,
): Promise<void> {
  const opened = await withRetries(
    "conversations.open",
    () => client.conversations.open({ users: slackUserId }),
    retry,
  );
  const channel = opened.channel?.id;
  if (!channel) throw new Error(`conversations.open returned no channel for ${slackUserId}`);
  // uploadV2 is several calls (get URL, upload, complete); retried whole at most once.
  await withRetries(
    "files.uploadV2",
    () =>
      client.files.uploadV2({
        channel_id: channel,
        filename: attachment.filename,
        title: attachment.filename,
        file: Buffer.from(attachment.content, "utf8"),
      }),
    { ...retry, attempts: Math.min(retry.attempts, 2) },
  );
}
