import { once } from "node:events";
import { csvLine, type Cell } from "../core/reports/export.ts";
import { discardExportFile, openExportFile } from "./export-file.ts";

/** Where an export's rows go: one file format. */
export interface RowSink {
  /** One batch of rows; resolves when the sink can take more. */
  write(rows: readonly (readonly Cell[])[]): Promise<void>;
  /** Flushes and closes the file; returns its size in bytes. */
  close(): Promise<number>;
  /** Closes the file after a failure (the caller deletes it). */
  abort(): Promise<void>;
}

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark, so Excel opens Chinese text
 * correctly. Honours back-pressure: at most one stream buffer is in memory.
 */
export async function csvSink(path: string, header: readonly string[]): Promise<RowSink> {
  const out = await openExportFile(path);
  const put = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  await put(`\uFEFF${csvLine(header)}`);
  return {
    write: (rows) => put(rows.map(csvLine).join("")),
    async close() {
      out.end();
      await once(out, "finish");
      return out.bytesWritten;
    },
    abort: () => discardExportFile(out),
  };
}
