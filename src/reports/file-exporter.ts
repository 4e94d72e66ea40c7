import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import {
  exportCells,
  exportHeader,
  type ExportFormat,
  type ExportRequest,
} from "../core/reports/export.ts";
import type { ComplaintExporter, ProgressListener } from "../core/reports/services.ts";
import type { ReplyFile } from "../core/reply/reply.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { countExportRows, exportBatches } from "../store/export-rows.ts";
import { csvSink, type RowSink } from "./csv-sink.ts";

/** Opens a sink for one format at `path` (the xlsx writer plugs in here). */
export type SinkFactory = (path: string, header: readonly string[]) => Promise<RowSink>;

export interface FileExporterOptions {
  /** Exports are written here (DATA_DIR/exports). */
  dir: string;
  /** Exports older than this are deleted when the next one starts: they hold personal data. */
  keepMs?: number;
  /** Formats besides CSV. */
  sinks?: Partial<Record<ExportFormat, SinkFactory>>;
  batchSize?: number;
  clock?: () => Date;
}

const contentTypes: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export const DEFAULT_EXPORT_KEEP_MS = 7 * 86_400_000;

/**
 * Writes exports as files, streaming: rows go from keyset-paginated batches
 * straight to the file, so memory stays flat whatever the size. The file
 * appears under its final name only when complete.
 */
export function fileExporter(
  prisma: PrismaClient,
  options: FileExporterOptions,
): ComplaintExporter {
  const sinks: Partial<Record<ExportFormat, SinkFactory>> = { csv: csvSink, ...options.sinks };
  const clock = options.clock ?? (() => new Date());
  return {
    formats: Object.keys(sinks) as ExportFormat[],
    async export(request: ExportRequest, onProgress?: ProgressListener): Promise<ReplyFile> {
      const open = sinks[request.format];
      if (!open) throw new Error(`no writer for ${request.format} exports`);
      await mkdir(options.dir, { recursive: true, mode: 0o700 });
      await prune(options.dir, clock(), options.keepMs ?? DEFAULT_EXPORT_KEEP_MS);
      const filename = exportFilename(request, clock());
      const final = path.join(options.dir, filename);
      const partial = `${final}.partial`;
      const total = await countExportRows(prisma, request.filter);
      onProgress?.({ task: "export", done: 0, total });
      const sink = await open(partial, exportHeader);
      let rows = 0;
      try {
        for await (const batch of exportBatches(prisma, request.filter, options.batchSize)) {
          await sink.write(
            batch.map((record) => exportCells(record, request.contacts, request.timeZone)),
          );
          rows += batch.length;
          onProgress?.({ task: "export", done: rows, total: Math.max(total, rows) });
        }
        const bytes = await sink.close();
        await rename(partial, final);
        return {
          filename,
          contentType: contentTypes[request.format],
          bytes,
          rows,
          path: final,
          title: `Complaints ${request.label} (${rows} rows)`,
        };
      } catch (error) {
        await sink.abort();
        await unlink(partial).catch(() => {});
        throw error;
      }
    },
  };
}

function exportFilename(request: ExportRequest, now: Date): string {
  const label = request.label
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "_")
    .slice(0, 60);
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
  return `complaints-${label}-${stamp}-${randomBytes(3).toString("hex")}.${request.format}`;
}

async function prune(dir: string, now: Date, keepMs: number): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!name.startsWith("complaints-")) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && now.getTime() - info.mtimeMs > keepMs) await unlink(file).catch(() => {});
  }
}
