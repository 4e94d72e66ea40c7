import type { Translator } from "../i18n/translate.ts";
import type { CountBy, MonthlyFigures, TrendPoint } from "./stats.ts";
import { rate } from "./stats.ts";

/**
 * A chart as data: what to draw, not how. The app's ChartRenderer turns it
 * into a PNG; the same spec could feed any other renderer.
 */
export interface ChartSeries {
  name: string;
  /** One per category; null: no value (nothing counted). */
  values: (number | null)[];
}

export interface ChartSpec {
  /** File name stem, e.g. `trend-2026-10`. */
  id: string;
  title: string;
  kind: "line" | "bar";
  categories: string[];
  series: ChartSeries[];
  /** percent: values are 0-100. */
  unit: "count" | "percent";
  width: number;
  height: number;
}

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 450;

const size = { width: CHART_WIDTH, height: CHART_HEIGHT };
const percent = (part: number, whole: number) => {
  const r = rate(part, whole);
  return r === null ? null : Math.round(r * 1000) / 10;
};

/** Labels for the keys of a breakdown (department names, category labels …). */
export type Labeler = (key: string | null) => string;

function breakdown(
  id: string,
  title: string,
  series: string,
  rows: readonly CountBy[],
  label: Labeler,
): ChartSpec {
  return {
    id,
    title,
    kind: "bar",
    categories: rows.map((r) => label(r.key)),
    series: [{ name: series, values: rows.map((r) => r.count) }],
    unit: "count",
    ...size,
  };
}

export interface ChartLabels {
  category: Labeler;
  department: Labeler;
  /** What the figures are about, e.g. "2026-10" or "2026-10、账务部". */
  scope: string;
}

/**
 * The monthly summary's charts, titled and labelled in `t`'s language:
 * trend, category and department breakdowns, on-time rate. File names
 * (`id`) stay the same in every language.
 */
export function monthlyCharts(
  t: Translator,
  month: string,
  m: Omit<MonthlyFigures, "period">,
  trend: readonly TrendPoint[],
  labels: ChartLabels,
): ChartSpec[] {
  const scope = { scope: labels.scope };
  const complaints = t("chart.complaints");
  return [
    {
      id: `trend-${month}`,
      title: t("chart.trend", scope),
      kind: "line",
      categories: trend.map((p) => p.label),
      series: [
        { name: t("chart.received"), values: trend.map((p) => p.received) },
        { name: t("chart.closed"), values: trend.map((p) => p.closed) },
      ],
      unit: "count",
      ...size,
    },
    breakdown(
      `category-${month}`,
      t("chart.byCategory", scope),
      complaints,
      m.byCategory,
      labels.category,
    ),
    breakdown(
      `department-${month}`,
      t("chart.byDepartment", scope),
      complaints,
      m.byDepartment,
      labels.department,
    ),
    {
      id: `on-time-${month}`,
      title: t("chart.onTime", scope),
      kind: "bar",
      categories: m.onTime.map((r) => t.deadline(r.kind)),
      series: [
        {
          name: t("chart.onTimePercent"),
          values: m.onTime.map((r) => percent(r.onTime, r.onTime + r.late)),
        },
      ],
      unit: "percent",
      ...size,
    },
  ];
}
