// `npm run bench [-- <name> …] [--quick] [--strict]`
//
// Runs each benchmark in its own process, one after another (they would
// otherwise compete for the machine's cores and skew each other's ratios),
// then prints the table of their figures and writes the latest result of
// every benchmark into the README between the bench markers.
//
//   --quick   tiny sizes, results to a temporary directory (a smoke run)
//   --strict  exit 1 when a target is missed (a failed script always exits 1)
//   --table   run nothing; rewrite the README table from bench/results
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { readResults, renderTable, resultsDir, type BenchResult } from "./lib/result.ts";

/** In the order the issue lists the targets. */
export const BENCHMARKS = ["slack-command", "nudge-pipeline", "queries", "memory"] as const;

const root = path.resolve(import.meta.dirname, "..");
const README = path.join(root, "README.md");
const BEGIN = "<!-- bench:begin -->";
const END = "<!-- bench:end -->";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
    table: { type: "boolean", default: false },
  },
});

const unknown = positionals.filter((name) => !(BENCHMARKS as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark(s): ${unknown.join(", ")}; choose from ${BENCHMARKS.join(", ")}`,
  );
  process.exit(2);
}
const selected = values.table ? [] : positionals.length > 0 ? positionals : [...BENCHMARKS];
const env = { ...process.env };
if (values.quick) env.BENCH_RESULTS_DIR ??= mkdtempSync(path.join(tmpdir(), "cd-bench-"));

const failed: string[] = [];
for (const name of selected) {
  console.error(`\n=== ${name}${values.quick ? " (quick)" : ""}`);
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(root, "bench", `${name}.ts`),
      ...(values.quick ? ["--quick"] : []),
    ],
    { cwd: root, env, stdio: "inherit" },
  );
  if (run.status !== 0) failed.push(`${name} (exit ${run.status ?? run.signal})`);
}

const results: BenchResult[] = readResults(env.BENCH_RESULTS_DIR ?? resultsDir()).filter((r) =>
  selected.includes(r.name),
);
results.sort((a, b) => selected.indexOf(a.name) - selected.indexOf(b.name));
const table = renderTable(results);
console.log(`\n${table}`);

// The README shows the latest result of every benchmark (each has its own
// date and machine in bench/results/<name>.json); a smoke run leaves it alone.
if (!values.quick && failed.length === 0) {
  const latest = readResults(resultsDir())
    .filter((r) => (BENCHMARKS as readonly string[]).includes(r.name))
    .sort(
      (a, b) =>
        BENCHMARKS.indexOf(a.name as (typeof BENCHMARKS)[number]) -
        BENCHMARKS.indexOf(b.name as (typeof BENCHMARKS)[number]),
    );
  const readme = readFileSync(README, "utf8");
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin !== -1 && end > begin && latest.length > 0) {
    const machines = [
      ...new Set(
        latest.map((r) => `${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}`),
      ),
    ];
    const dates = latest.map((r) => `${r.name} ${r.startedAt.slice(0, 16).replace("T", " ")} UTC`);
    // Formatted as `npm run format` would, so the format check stays green.
    const prettier = await import("prettier");
    const format = async (text: string) =>
      prettier.format(text, { ...(await prettier.resolveConfig(README)), filepath: README });
    writeFileSync(
      README,
      await format(
        `${readme.slice(0, begin + BEGIN.length)}\nMeasured on ${machines.join("; ")} (${dates.join(", ")}).\n\n${renderTable(latest)}\n${readme.slice(end)}`,
      ),
    );
    console.error("README.md: benchmark table updated");
  }
}

if (failed.length > 0) {
  console.error(`failed: ${failed.join(", ")}`);
  process.exit(1);
}
if (values.strict && results.some((r) => r.figures.some((f) => !f.met))) process.exit(1);
