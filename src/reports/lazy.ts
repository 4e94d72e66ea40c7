// ECharts, resvg and ExcelJS take about 60 MB once loaded. Most processes
// never draw a chart or write a workbook, so they load on first use.
import type { ChartRenderer } from "../core/reports/services.ts";
import type { ChartRendererOptions } from "./chart-renderer.ts";
import type { SinkFactory } from "./file-exporter.ts";

/** A chart renderer that imports ECharts and resvg when the first chart is drawn. */
export function lazyChartRenderer(options: ChartRendererOptions = {}): ChartRenderer {
  let loaded: Promise<ChartRenderer> | undefined;
  return {
    async render(spec) {
      loaded ??= import("./chart-renderer.ts").then((m) => m.chartRenderer(options));
      return (await loaded).render(spec);
    },
  };
}

/** The XLSX sink, importing ExcelJS when the first workbook is written. */
export const lazyXlsxSink: SinkFactory = async (path, header) =>
  (await import("./xlsx-sink.ts")).xlsxSink(path, header);
