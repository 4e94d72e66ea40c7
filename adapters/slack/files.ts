import { readFile } from "node:fs/promises";
import type { webApi } from "@slack/bolt";
import type { Reply, ReplyFile } from "../../src/core/reply/reply.ts";
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
  const channel = await openDm(client, slackUserId, retry);
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

/**
 * A reply's files (charts, exports) to the requester's DM, for the same
 * reason, in one upload. Files on disk (exports) were written on this
 * machine by the command that answered.
 */
export async function sendFiles(
  client: webApi.WebClient,
  slackUserId: string,
  files: readonly ReplyFile[],
  retry: RetryPolicy,
): Promise<void> {
  if (files.length === 0) return;
  const channel = await openDm(client, slackUserId, retry);
  const uploads = await uploadsOf(files);
  await withRetries(
    "files.uploadV2",
    () => client.files.uploadV2({ channel_id: channel, file_uploads: uploads }),
    { ...retry, attempts: Math.min(retry.attempts, 2) },
  );
}

/**
 * Files posted to a channel as one message whose text is `comment` (a
 * notification with its charts). files.uploadV2 gets an upload URL per
 * file, sends the bytes, then shares them all with the comment in one
 * files.completeUploadExternal: an attempt that fails before that call
 * leaves nothing in the channel (Slack drops uploads never shared), so the
 * retry posts the message once.
 */
export async function shareFiles(
  client: webApi.WebClient,
  channel: string,
  files: readonly ReplyFile[],
  comment: string,
  retry: RetryPolicy,
): Promise<void> {
  const uploads = await uploadsOf(files);
  await withRetries(
    "files.uploadV2",
    () =>
      client.files.uploadV2({
        channel_id: channel,
        initial_comment: comment,
        file_uploads: uploads,
      }),
    { ...retry, attempts: Math.min(retry.attempts, 2) },
  );
}

function uploadsOf(
  files: readonly ReplyFile[],
): Promise<{ filename: string; title: string; file: Buffer }[]> {
  return Promise.all(
    files.map(async (f) => ({
      filename: f.filename,
      title: f.title ?? f.filename,
      file: f.path !== undefined ? await readFile(f.path) : Buffer.from(f.base64, "base64"),
    })),
  );
}

async function openDm(
  client: webApi.WebClient,
  slackUserId: string,
  retry: RetryPolicy,
): Promise<string> {
  const opened = await withRetries(
    "conversations.open",
    () => client.conversations.open({ users: slackUserId }),
    retry,
  );
  const channel = opened.channel?.id;
  if (!channel) throw new Error(`conversations.open returned no channel for ${slackUserId}`);
  return channel;
}
