// A product process for bench/memory.ts: `npm start` (src/main.ts, the
// console with the in-process worker) or any other command, as a child
// process with stdin held open so the console keeps running, sampled from /proc.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { root, sleep, waitFor } from "../../test/faults/harness.ts";
import { commandLine, processTree, rssBytes } from "./memory-proc.ts";

export interface RssSample {
  at: number;
  total: number;
  byCommand: Record<string, number>;
}

/** Short labels for the processes of a tree, by what they run. */
function label(pid: number): string {
  const cmd = commandLine(pid);
  if (cmd.includes("src/main.ts") && cmd.includes("--import")) return "node src/main.ts";
  if (/\bnpm\b|npm-cli/.test(cmd)) return "npm";
  if (cmd.includes(".bin/tsx") || cmd.includes("tsx/dist/cli")) return "tsx cli";
  if (/^(\/bin\/)?sh /.test(cmd)) return "sh";
  // tsx starts it on demand to transform sources it has not cached yet.
  if (cmd.includes("esbuild")) return "esbuild (tsx)";
  return cmd.slice(0, 60);
}

export class ProductProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  readonly stdoutLines: string[] = [];
  /** Parsed pino lines (LOG_LEVEL info and up). */
  readonly logs: Record<string, unknown>[] = [];
  stderr = "";

  constructor(
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly env: Record<string, string>,
  ) {}

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  start(): void {
    const child = spawn(this.command, [...this.args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...this.env },
      // stdin stays an open pipe: the console reads commands from it and stops at its end.
      stdio: ["pipe", "pipe", "pipe"],
    });
    if (child.stdout) {
      createInterface({ input: child.stdout }).on("line", (l) => this.stdoutLines.push(l));
    }
    if (child.stderr) {
      createInterface({ input: child.stderr }).on("line", (l) => {
        if (this.stderr.length < 100_000) this.stderr += `${l}\n`;
        if (!l.startsWith("{")) return;
        try {
          this.logs.push(JSON.parse(l) as Record<string, unknown>);
        } catch {
          // a partial or foreign line
        }
      });
    }
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    this.child = child;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  assertAlive(): void {
    if (this.child && !this.running) {
      throw new Error(`${this.command} exited (${this.child.exitCode}):\n${this.stderr}`);
    }
  }

  /** Waits for a stdout line containing `text`, sampling RSS meanwhile. */
  async waitForLine(text: string, timeoutMs: number, samples?: RssSample[]): Promise<void> {
    await waitFor(
      `"${text}" from ${this.command}`,
      () => {
        this.assertAlive();
        if (samples) samples.push(this.sample());
        return this.stdoutLines.some((l) => l.includes(text));
      },
      timeoutMs,
      200,
    );
  }

  /** The RSS of the whole process tree now. */
  sample(): RssSample {
    const byCommand: Record<string, number> = {};
    let total = 0;
    for (const pid of processTree(this.pid)) {
      const rss = rssBytes(pid);
      const name = label(pid);
      byCommand[name] = (byCommand[name] ?? 0) + rss;
      total += rss;
    }
    return { at: Date.now(), total, byCommand };
  }

  /** Samples every `intervalMs` for `durationMs`. */
  async sampleFor(durationMs: number, intervalMs = 200): Promise<RssSample[]> {
    const out: RssSample[] = [];
    const until = Date.now() + durationMs;
    while (Date.now() < until) {
      this.assertAlive();
      out.push(this.sample());
      await sleep(intervalMs);
    }
    return out;
  }

  /**
   * Samples until the RSS has stayed within 2 % (at least 5 MB) for
   * `stableMs` — V8 hands memory back some seconds after a burst of work —
   * but at least `minMs` and at most `maxMs`.
   */
  async settle(
    minMs: number,
    maxMs: number,
    stableMs = 5_000,
  ): Promise<{ samples: RssSample[]; settledMs: number; stable: boolean }> {
    const samples: RssSample[] = [];
    const started = Date.now();
    for (;;) {
      this.assertAlive();
      const now = this.sample();
      samples.push(now);
      const elapsed = now.at - started;
      const recent = samples.filter((s) => s.at >= now.at - stableMs).map((s) => s.total);
      const spread = Math.max(...recent) - Math.min(...recent);
      const stable = elapsed >= stableMs && spread <= Math.max(5 * 2 ** 20, now.total * 0.02);
      if ((stable && elapsed >= minMs) || elapsed >= maxMs) {
        return { samples, settledMs: elapsed, stable };
      }
      await sleep(200);
    }
  }

  /** SIGTERM to the tree's root (npm start drains and exits), SIGKILL to all after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.child || !this.running) return;
    const tree = processTree(this.pid);
    this.child.stdin?.end();
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => {
      for (const pid of tree) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
    // npm and tsx forward the signal, but do not always wait for their child.
    await sleep(200);
    for (const pid of tree.slice(1)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
}

/** max, mean and the largest sample's breakdown, in bytes. */
export function summarizeRss(samples: readonly RssSample[]) {
  const totals = samples.map((s) => s.total);
  const max = Math.max(...totals);
  const largest = samples.find((s) => s.total === max);
  return {
    samples: samples.length,
    maxBytes: max,
    meanBytes: Math.round(totals.reduce((a, b) => a + b, 0) / Math.max(1, totals.length)),
    minBytes: Math.min(...totals),
    byCommandAtMax: largest?.byCommand ?? {},
  };
}
