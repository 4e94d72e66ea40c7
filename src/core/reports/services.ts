import type { ReplyFile } from "../reply/reply.ts";
import type { ChartSpec } from "./charts.ts";
import type { ExportFormat, ExportRequest } from "./export.ts";

/**
 * Ports for report work that is neither a query nor platform-specific: the
 * app implements them (file system, chart rendering); commands use them
 * after their transaction has committed (CommandContext.afterCommit), so a
 * long export never holds a transaction or a connection open.
 */
export interface Progress {
  /** What is being done, e.g. "export". */
  task: string;
  done: number;
  /** null: not known. */
  total: number | null;
}

export type ProgressListener = (progress: Progress) => void;

export interface ChartRenderer {
  /** The chart as a PNG, returned inline (a few dozen kB). */
  render(chart: ChartSpec): Promise<ReplyFile>;
}

export interface ComplaintExporter {
  readonly formats: readonly ExportFormat[];
  /** Streams the complaints the request selects into a file; returns where it is. */
  export(request: ExportRequest, onProgress?: ProgressListener): Promise<ReplyFile>;
}

export interface ReportServices {
  charts?: ChartRenderer;
  exporter?: ComplaintExporter;
}
