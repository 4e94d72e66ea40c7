import { createRequire } from "node:module";
import path from "node:path";
import { renderAsync } from "@resvg/resvg-js";
import * as echarts from "echarts";
import type { ChartSpec } from "../core/reports/charts.ts";
import type { ChartRenderer } from "../core/reports/services.ts";
import type { ReplyFile } from "../core/reply/reply.ts";

/** Noto Sans Hans (SIL OFL 1.1), shipped by @embedpdf/fonts-sc: Latin and the GB2312 hanzi. */
export const CHART_FONT_FAMILY = "Noto Sans Hans";

export function bundledChartFont(): string {
  // The package exports no package.json: its fonts sit beside dist/.
  const entry = createRequire(import.meta.url).resolve("@embedpdf/fonts-sc");
  return path.join(path.dirname(entry), "..", "fonts", "NotoSansHans-Regular.otf");
}

export interface ChartRendererOptions {
  /** TTF/OTF files with the glyphs labels need; default the bundled CJK font. */
  fontFiles?: readonly string[];
  fontFamily?: string;
}

/** The ECharts option for a spec: static, no animation, white background. */
export function chartOption(spec: ChartSpec, fontFamily: string): echarts.EChartsOption {
  const percent = spec.unit === "percent";
  return {
    animation: false,
    backgroundColor: "#ffffff",
    textStyle: { fontFamily },
    title: { text: spec.title, left: "center", top: 12, textStyle: { fontSize: 18 } },
    legend: spec.series.length > 1 ? { bottom: 8 } : { show: false },
    grid: { left: 64, right: 32, top: 64, bottom: spec.series.length > 1 ? 64 : 48 },
    xAxis: {
      type: "category",
      data: spec.categories,
      axisLabel: { interval: 0, hideOverlap: true },
    },
    yAxis: {
      type: "value",
      minInterval: percent ? 0 : 1,
      ...(percent ? { max: 100, axisLabel: { formatter: "{value}%" } } : {}),
    },
    series: spec.series.map((s) => ({
      type: spec.kind,
      name: s.name,
      data: s.values,
      label: {
        show: spec.kind === "bar",
        position: "top",
        formatter: percent ? "{c}%" : "{c}",
      },
    })),
  };
}

/** ECharts' server-side SVG, rasterised by resvg off the main thread. */
export function chartRenderer(options: ChartRendererOptions = {}): ChartRenderer {
  const fontFiles = [...(options.fontFiles ?? [bundledChartFont()])];
  const fontFamily = options.fontFamily ?? CHART_FONT_FAMILY;
  return {
    async render(spec: ChartSpec): Promise<ReplyFile> {
      const chart = echarts.init(null, null, {
        renderer: "svg",
        ssr: true,
        width: spec.width,
        height: spec.height,
      });
      let svg: string;
      try {
        chart.setOption(chartOption(spec, fontFamily));
        svg = chart.renderToSVGString();
      } finally {
        chart.dispose();
      }
      const image = await renderAsync(svg, {
        font: { fontFiles, loadSystemFonts: false, defaultFontFamily: fontFamily },
        fitTo: { mode: "original" },
      });
      const png = image.asPng();
      return {
        filename: `${spec.id}.png`,
        contentType: "image/png",
        bytes: png.length,
        base64: png.toString("base64"),
        title: spec.title,
      };
    },
  };
}
