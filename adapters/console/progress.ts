import type { Writable } from "node:stream";
import type { Progress } from "../../src/core/reports/services.ts";

export interface ProgressPrinter {
  update(p: Progress): void;
  /** Ends the progress line, if one is showing. */
  done(): void;
}

/** Exports smaller than this finish in about a second: no progress shown. */
export const SHOW_FROM_ROWS = 20_000;

const describe = (p: Progress) =>
  p.total
    ? `${p.task}: ${p.done.toLocaleString("en-US")} / ${p.total.toLocaleString("en-US")} rows (${Math.floor((p.done / p.total) * 100)}%)`
    : `${p.task}: ${p.done.toLocaleString("en-US")} rows`;

/**
 * Progress of long commands (exports) on stderr, so stdout keeps only
 * answers. A terminal gets one line redrawn in place; a pipe or log gets a
 * line per tenth of the work, so it stays short.
 */
export function progressPrinter(out: Writable, terminal: boolean): ProgressPrinter {
  let showing = false;
  let lastTenth = -1;
  return {
    update(p) {
      // A short export is over before a progress line could help.
      if (p.total !== null && p.total < SHOW_FROM_ROWS) return;
      if (terminal) {
        out.write(`\r\u001b[2K${describe(p)}`);
        showing = true;
        return;
      }
      const tenth = p.total ? Math.floor((p.done / p.total) * 10) : Math.floor(p.done / 100_000);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        out.write(`${describe(p)}\n`);
      }
    },
    done() {
      if (showing) out.write("\n");
      showing = false;
      lastTenth = -1;
    },
  };
}
