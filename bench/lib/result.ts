// One benchmark's outcome: every figure is a ratio of ours against a bare
// baseline measured in the same run, or an absolute bound the issue sets.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** BENCH_RESULTS_DIR redirects a smoke run (--quick) away from the published results. */
export function resultsDir(): string {
  return process.env.BENCH_RESULTS_DIR ?? path.resolve(import.meta.dirname, "../results");
}

export type Comparison = ">=" | "<=" | "<";

export interface Figure {
  /** What is measured, e.g. "throughput (commands/s)". */
  metric: string;
  ours: number;
  /** The bare baseline's value; absent for absolute bounds (RSS, lateness). */
  baseline?: number;
  /** ours / baseline when there is a baseline, otherwise ours. */
  value: number;
  comparison: Comparison;
  target: number;
  unit: string;
  met: boolean;
  /** Why a target is missed, or what the figure depends on. */
  note?: string;
}

export interface BenchResult {
  name: string;
  title: string;
  startedAt: string;
  durationMs: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  /** The sizes the run used (rows, requests, timers …). */
  parameters: Record<string, number | string | boolean>;
  figures: Figure[];
  /** Raw measurements behind the figures (latency summaries and so on). */
  details: Record<string, unknown>;
}

export function machine(): BenchResult["machine"] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

function compare(value: number, comparison: Comparison, target: number): boolean {
  if (!Number.isFinite(value)) return false;
  switch (comparison) {
    case ">=":
      return value >= target;
    case "<=":
      return value <= target;
    case "<":
      return value < target;
  }
}

/** A figure that compares ours with a baseline: value = ours / baseline. */
export function ratioFigure(input: {
  metric: string;
  ours: number;
  baseline: number;
  comparison: Comparison;
  target: number;
  unit: string;
  note?: string;
}): Figure {
  const value = Math.round((input.ours / input.baseline) * 1000) / 1000;
  return {
    ...input,
    value,
    unit: input.unit,
    met: compare(value, input.comparison, input.target),
  };
}

/** A figure with an absolute bound (no baseline): value = ours. */
export function boundFigure(input: {
  metric: string;
  ours: number;
  comparison: Comparison;
  target: number;
  unit: string;
  note?: string;
}): Figure {
  return { ...input, value: input.ours, met: compare(input.ours, input.comparison, input.target) };
}

/** Writes bench/results/<name>.json and prints the figures. */
export function writeResult(result: BenchResult): string {
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(renderTable([result]));
  return file;
}

export function readResults(dir = resultsDir()): BenchResult[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith(".json"));
  } catch {
    return [];
  }
  return names
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), "utf8")) as BenchResult);
}

const formatNumber = (value: number) =>
  Math.abs(value) >= 100 ? String(Math.round(value)) : String(Math.round(value * 100) / 100);

function describeFigure(figure: Figure): string {
  if (figure.baseline === undefined) return `${formatNumber(figure.ours)} ${figure.unit}`;
  return `${formatNumber(figure.ours)} vs ${formatNumber(figure.baseline)} ${figure.unit}`;
}

/** A Markdown table of every figure; the README shows the output of the last full run. */
export function renderTable(results: readonly BenchResult[]): string {
  const lines = [
    "| Benchmark | Figure | Measured (ours vs bare) | Ratio / value | Target | Met |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const result of results) {
    for (const figure of result.figures) {
      const value = figure.baseline === undefined ? formatNumber(figure.value) : `${figure.value}x`;
      const target =
        figure.baseline === undefined
          ? `${figure.comparison} ${figure.target} ${figure.unit}`
          : `${figure.comparison} ${figure.target}x`;
      lines.push(
        `| ${result.title} | ${figure.metric} | ${describeFigure(figure)} | ${value} | ${target} | ${figure.met ? "yes" : "**no**"} |`,
      );
    }
  }
  return lines.join("\n");
}
