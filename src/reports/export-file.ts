import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";

/** A new export file: created exclusive (never over another) and private (exports hold personal data). */
export async function openExportFile(path: string): Promise<WriteStream> {
  const out = createWriteStream(path, { flags: "wx", mode: 0o600 });
  await once(out, "open");
  return out;
}

/** Closes an export file after a failure without flushing into a stream that may be broken. */
export async function discardExportFile(out: WriteStream): Promise<void> {
  if (out.closed) return;
  const closed = once(out, "close").catch(() => {});
  out.destroy();
  await closed;
}
