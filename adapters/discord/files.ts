import { readFile } from "node:fs/promises";
import type { Outcome, ReplyFile } from "../../src/core/reply/reply.ts";
import { clip, limits } from "./limits.ts";
import type { DiscordMessage } from "./render.ts";

/** Attachments Discord takes on one message. */
export const MAX_ATTACHMENTS = 10;
/** Discord's upload limit for a message in a server without boosts. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * A reply's files (charts, exports) attached to the (ephemeral) answer, as
 * far as Discord's limits allow; the rest are named, not dropped silently.
 * Files on disk (exports) were written on this machine by the command.
 */
export async function withReplyFiles(
  message: DiscordMessage,
  outcome: Outcome,
): Promise<DiscordMessage> {
  if (!outcome.ok || !outcome.files?.length) return message;
  return withFiles(message, outcome.files);
}

/** Files (a reply's, a notification's charts) attached to a message, within Discord's limits. */
export async function withFiles(
  message: DiscordMessage,
  add: readonly ReplyFile[],
): Promise<DiscordMessage> {
  if (add.length === 0) return message;
  const files = [...(message.files ?? [])];
  const attachments = [...(message.body.attachments ?? [])];
  let total = files.reduce((sum, f) => sum + f.data.length, 0);
  const left: string[] = [];
  for (const f of add) {
    if (files.length >= MAX_ATTACHMENTS || total + f.bytes > MAX_UPLOAD_BYTES) {
      left.push(f.filename);
      continue;
    }
    const data = f.path !== undefined ? await readFile(f.path) : Buffer.from(f.base64, "base64");
    total += data.length;
    // An attachment's id is its index among the uploaded files.
    attachments.push({ id: String(files.length), filename: f.filename });
    files.push({ name: f.filename, data, contentType: f.contentType });
  }
  const note = left.length
    ? `Not attached (over Discord's 10 files / 10 MB per message): ${left.join(", ")}`
    : undefined;
  return {
    body: {
      ...message.body,
      ...(attachments.length ? { attachments } : {}),
      ...(note
        ? { content: clip([message.body.content, note].filter(Boolean).join("\n"), limits.content) }
        : {}),
    },
    ...(files.length ? { files } : {}),
  };
}
