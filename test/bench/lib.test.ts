// The arithmetic behind every benchmark figure: a wrong percentile or ratio
// would make the README's table say "met" for a missed target.
import { describe, expect, it } from "vitest";
import { boundFigure, ratioFigure, renderTable, type BenchResult } from "../../bench/lib/result.ts";
import { median, percentile, runConcurrently, summarize } from "../../bench/lib/stats.ts";

describe("latency statistics", () => {
  it("takes nearest-rank percentiles", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("summarizes unsorted samples", () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toMatchObject({ count: 5, meanMs: 3, p50Ms: 3, maxMs: 5, p99Ms: 5 });
    expect(median([9, 1, 5])).toBe(5);
  });

  it("runs every call once, never more than the concurrency at a time", async () => {
    let running = 0;
    let peak = 0;
    const seen = new Set<number>();
    const { latenciesMs } = await runConcurrently(50, 4, async (i) => {
      seen.add(i);
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
    });
    expect(latenciesMs).toHaveLength(50);
    expect(seen.size).toBe(50);
    expect(peak).toBe(4);
  });
});

describe("figures", () => {
  it("compares a ratio with its target in the stated direction", () => {
    const fast = ratioFigure({
      metric: "throughput",
      ours: 70,
      baseline: 100,
      comparison: ">=",
      target: 0.7,
      unit: "req/s",
    });
    expect(fast).toMatchObject({ value: 0.7, met: true });
    const slow = ratioFigure({
      metric: "p99",
      ours: 151,
      baseline: 100,
      comparison: "<=",
      target: 1.5,
      unit: "ms",
    });
    expect(slow).toMatchObject({ value: 1.51, met: false });
    expect(
      ratioFigure({ metric: "x", ours: 1, baseline: 0, comparison: "<=", target: 2, unit: "ms" })
        .met,
    ).toBe(false);
  });

  it("treats an absolute bound as strict when asked", () => {
    expect(
      boundFigure({ metric: "RSS", ours: 200, comparison: "<", target: 200, unit: "MB" }).met,
    ).toBe(false);
    expect(
      boundFigure({ metric: "RSS", ours: 199, comparison: "<", target: 200, unit: "MB" }).met,
    ).toBe(true);
  });

  it("renders a missed target visibly in the table", () => {
    const result: BenchResult = {
      name: "x",
      title: "X",
      startedAt: "2026-11-23T00:00:00.000Z",
      durationMs: 1,
      machine: { cpus: 2, cpuModel: "cpu", memoryGb: 4, node: "v20", platform: "linux" },
      parameters: {},
      figures: [
        ratioFigure({
          metric: "p99",
          ours: 3,
          baseline: 1,
          comparison: "<=",
          target: 1.5,
          unit: "ms",
        }),
      ],
      details: {},
    };
    const table = renderTable([result]);
    expect(table).toContain("| X | p99 | 3 vs 1 ms | 3x | <= 1.5x | **no** |");
  });
});
