import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { notificationFiles } from "../../src/core/notifications/files.ts";
import type { Notification } from "../../src/core/notifications/notification.ts";
import type { Outcome, ReplyFile } from "../../src/core/reply/reply.ts";
import type { ChartRenderer } from "../../src/core/reports/services.ts";

/** A name in `dir` that is not taken yet: chart.png, chart-1.png, … */
async function writeNew(dir: string, filename: string, data: Buffer): Promise<string> {
  const safe = path.basename(filename).replace(/[^\p{L}\p{N}._-]+/gu, "_") || "file";
  const ext = path.extname(safe);
  const stem = safe.slice(0, safe.length - ext.length);
  for (let i = 0; ; i++) {
    const file = path.join(dir, i === 0 ? safe : `${stem}-${i}${ext}`);
    try {
      await writeFile(file, data, { flag: "wx", mode: 0o600 });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || i > 1000) throw error;
    }
  }
}

/**
 * The console has no upload: files that come inline (charts, CSV
 * attachments) are written to `dir` and the answer carries their paths
 * instead of their bytes; files already on disk (exports) stay where they are.
 */
export async function saveFiles(outcome: Outcome, dir: string): Promise<Outcome> {
  if (!outcome.ok || (!outcome.files?.length && !outcome.attachment)) return outcome;
  await mkdir(dir, { recursive: true });
  const files: ReplyFile[] = [];
  for (const f of outcome.files ?? []) {
    if (f.path !== undefined) {
      files.push(f);
      continue;
    }
    const { base64, ...rest } = f;
    const file = await writeNew(dir, f.filename, Buffer.from(base64, "base64"));
    files.push({ ...rest, path: file });
  }
  if (outcome.attachment) {
    const a = outcome.attachment;
    const data = Buffer.from(a.content, "utf8");
    const file = await writeNew(dir, a.filename, data);
    files.push({
      filename: a.filename,
      contentType: a.contentType,
      bytes: data.length,
      path: file,
    });
  }
  return { ...outcome, files };
}

/**
 * A notification's charts, drawn and written to `dir` as the console's
 * delivery of them: what it returns carries paths, not bytes. A chart that
 * cannot be drawn is reported to `onError` and left out, as on every platform.
 */
export async function saveNotificationFiles(
  n: Notification,
  dir: string,
  renderer: ChartRenderer | null,
  onError?: (title: string, error: unknown) => void,
): Promise<ReplyFile[]> {
  const drawn = await notificationFiles(n, renderer, (spec, error) => onError?.(spec.title, error));
  if (drawn.length === 0) return [];
  await mkdir(dir, { recursive: true });
  const saved: ReplyFile[] = [];
  for (const f of drawn) {
    if (f.path !== undefined) {
      saved.push(f);
      continue;
    }
    const { base64, ...rest } = f;
    saved.push({ ...rest, path: await writeNew(dir, f.filename, Buffer.from(base64, "base64")) });
  }
  return saved;
}
