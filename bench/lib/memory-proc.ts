// Resident memory and CPU time of processes, read from /proc (Linux).
import { readFileSync, readdirSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface Stat {
  ppid: number;
  cpuMs: number;
}

function stat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { ppid: Number(fields[1]), cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** `pid` and every process below it. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (!s) continue;
    const list = children.get(s.ppid) ?? [];
    list.push(Number(name));
    children.set(s.ppid, list);
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

/** VmRSS of one process in bytes; 0 when it is gone. */
export function rssBytes(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Summed VmRSS of `pid` and its descendants, with each one's share. */
export function treeRss(pid: number): { total: number; byPid: Record<number, number> } {
  const byPid: Record<number, number> = {};
  let total = 0;
  for (const p of processTree(pid)) {
    const rss = rssBytes(p);
    byPid[p] = rss;
    total += rss;
  }
  return { total, byPid };
}

/** User plus system CPU time a process has used so far, in ms; 0 when it is gone. */
export function cpuMs(pid: number): number {
  return stat(pid)?.cpuMs ?? 0;
}

/** The command line of a process, for labelling samples. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

export const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
