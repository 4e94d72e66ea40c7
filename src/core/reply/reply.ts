import type { ErrorCode, ErrorDetails } from "../errors.ts";
import type { ComplaintView } from "../complaint/view.ts";
import type { StaffView } from "../staff/view.ts";
import type { StatsReport } from "../reports/present.ts";

/**
 * The neutral reply every command returns. Adapters render it: the console
 * as text or JSON, Slack as Block Kit, Discord as embeds.
 */
export interface Field {
  label: string;
  value: string;
}

/** A button: the command line it runs when pressed. */
export interface ReplyAction {
  id: string;
  label: string;
  command: string;
  style?: "primary" | "danger";
}

export interface ReplySection {
  heading: string;
  lines: string[];
}

export interface Reply {
  /** One line that says what happened. */
  text: string;
  title?: string;
  fields?: Field[];
  sections?: ReplySection[];
  complaint?: ComplaintView;
  complaints?: ComplaintView[];
  total?: number;
  staff?: StaffView;
  staffList?: StaffView[];
  actions?: ReplyAction[];
  /** A file (CSV export …): the console writes it out, chat adapters upload it. */
  attachment?: { filename: string; contentType: string; content: string };
  /** Binary or large files (charts, exports): see ReplyFile. */
  files?: ReplyFile[];
  /** The figures behind a `stats` reply, for scripts (console --json). */
  stats?: StatsReport;
}

/**
 * A file a command produced. Small ones (chart PNGs) travel inline as
 * base64; large ones (exports, written by streaming) stay on disk and travel
 * as their path on the machine that ran the command. Exactly one of `path`
 * and `base64` is set. The console writes inline files out and prints
 * paths; chat adapters upload either (Slack files.uploadV2, Discord
 * attachments).
 */
export type ReplyFile = {
  filename: string;
  contentType: string;
  /** Size in bytes. */
  bytes: number;
  /** Rows, for exports. */
  rows?: number;
  /** One line saying what it is (chart title, export scope). */
  title?: string;
} & ({ path: string; base64?: never } | { base64: string; path?: never });

export type Outcome =
  | ({ ok: true } & Reply)
  | {
      ok: false;
      text: string;
      error: { code: ErrorCode; message: string; details?: ErrorDetails };
    };
