import type { ErrorCode, ErrorDetails } from "../errors.ts";
import type { ComplaintView } from "../complaint/view.ts";
import type { StaffView } from "../staff/view.ts";

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
}

export type Outcome =
  | ({ ok: true } & Reply)
  | {
      ok: false;
      text: string;
      error: { code: ErrorCode; message: string; details?: ErrorDetails };
    };
