// The benchmark runner and one benchmark at smoke sizes: scripts that no
// longer run would otherwise only be noticed at the next full `npm run bench`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import type { BenchResult } from "../../bench/lib/result.ts";

const root = path.resolve(import.meta.dirname, "../..");

it("npm run bench -- queries --quick writes a result with every figure", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cd-bench-smoke-"));
  const readmeBefore = readFileSync(path.join(root, "README.md"), "utf8");
  try {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "bench/run.ts", "queries", "--quick"],
      { cwd: root, env: { ...process.env, BENCH_RESULTS_DIR: dir }, encoding: "utf8" },
    );
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(readFileSync(path.join(dir, "queries.json"), "utf8")) as BenchResult;
    expect(result.parameters.quick).toBe(true);
    expect(result.figures.map((f) => f.comparison)).toEqual(["<=", "<=", "<="]);
    for (const f of result.figures) expect(f.ours).toBeGreaterThan(0);
    // A smoke run never rewrites the published table.
    expect(readFileSync(path.join(root, "README.md"), "utf8")).toBe(readmeBefore);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
