import { once, type EventEmitter } from "node:events";
import { discardExportFile, openExportFile } from "./export-file.ts";
import ExcelJS from "exceljs";
import type { Cell } from "../core/reports/export.ts";
import type { RowSink } from "./csv-sink.ts";

/** A writable stream as archiver's bundled readable-stream shapes it. */
interface Drainable extends EventEmitter {
  _writableState: { needDrain: boolean };
}

const isDrainable = (value: unknown): value is Drainable =>
  typeof value === "object" &&
  value !== null &&
  "once" in value &&
  "_writableState" in value &&
  typeof (value as Drainable)._writableState?.needDrain === "boolean";

/**
 * Where the sheet's XML goes next: the zip entry's input. ExcelJS ignores
 * back-pressure, so without waiting on this the whole sheet piles up in
 * memory (200k rows: 400 MB and growing; with it: flat at ~140 MB).
 * Internals of exceljs 4.4: when their shape changes, rows still flow,
 * only without back-pressure.
 */
function zipEntryInput(sheet: unknown): Drainable[] {
  const stream = (sheet as { stream?: { pipes?: unknown } }).stream;
  const pipes = stream?.pipes;
  return Array.isArray(pipes) ? pipes.filter(isDrainable) : [];
}

/**
 * An .xlsx written as it goes (ExcelJS's streaming writer): each row is
 * committed to the zip stream at once, with inline strings. Cells keep their
 * types: numbers are numbers, text is text (an inline string is never a
 * formula).
 */
export async function xlsxSink(path: string, header: readonly string[]): Promise<RowSink> {
  // Our own file stream, not ExcelJS's: see openExportFile.
  const out = await openExportFile(path);
  // A failing disk must end the export, not hang it on a drain that never comes.
  let failure: Error | null = null;
  const failed = new Promise<void>((resolve) =>
    out.once("error", (error) => {
      failure = error;
      resolve();
    }),
  );
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet("complaints", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow([...header]).commit();
  return {
    async write(rows: readonly (readonly Cell[])[]) {
      for (const cells of rows) sheet.addRow(cells.map((c) => c ?? undefined)).commit();
      for (const input of zipEntryInput(sheet)) {
        if (input._writableState.needDrain) await Promise.race([once(input, "drain"), failed]);
      }
      if (failure) throw failure;
      // Let the zip and file streams run between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    async close() {
      sheet.commit();
      await workbook.commit();
      return out.bytesWritten;
    },
    // Committing could wait forever on a stream that failed: close the file instead.
    abort: () => discardExportFile(out),
  };
}
