import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { RunOptions } from "../../src/core/engine.ts";
import type { Notification } from "../../src/core/notifications/notification.ts";
import type { Outcome } from "../../src/core/reply/reply.ts";
import type { ChartRenderer } from "../../src/core/reports/services.ts";
import { lazyChartRenderer } from "../../src/reports/lazy.ts";
import { saveFiles, saveNotificationFiles } from "./files.ts";
import type { ProgressPrinter } from "./progress.ts";
import {
  renderJson,
  renderNotificationJson,
  renderNotificationText,
  renderText,
} from "./render.ts";

export interface ConsoleBackend {
  execute(line: string, actorId: string, options?: RunOptions): Promise<Outcome>;
  /** Delivers what the last commands queued, returning the notifications. */
  flushNotifications(): Promise<Notification[]>;
}

export interface ConsoleSessionOptions {
  input: Readable;
  output: Writable;
  backend: ConsoleBackend;
  actorId: string;
  json: boolean;
  /** Show a prompt (interactive terminal). */
  prompt: boolean;
  /** Where files that come inline (charts, CSV) are written; unset: not written. */
  filesDir?: string;
  /**
   * Draws the charts notifications carry (the monthly summary's) into
   * `filesDir`; default the bundled renderer, null: print the text only.
   */
  charts?: ChartRenderer | null;
  /** Shows the progress of long commands (exports). */
  progress?: ProgressPrinter;
}

const metaHelp = [
  "Console commands: .as <staff-id> (act as someone else), .whoami, .quit",
  "Everything else is a complaint command: complaint help lists them.",
].join("\n");

/**
 * Reads command lines and answers each in order. Blank lines and lines that
 * start with # are skipped, so scripts can carry comments.
 */
export class ConsoleSession {
  private actorId: string;
  private readonly charts: ChartRenderer | null;
  /** Notifications that arrive on their own, printed one after another. */
  private notifying: Promise<void> = Promise.resolve();

  constructor(private readonly options: ConsoleSessionOptions) {
    this.actorId = options.actorId;
    this.charts =
      options.filesDir === undefined
        ? null
        : options.charts === undefined
          ? lazyChartRenderer()
          : options.charts;
  }

  async run(): Promise<void> {
    const rl = createInterface({ input: this.options.input, terminal: false, crlfDelay: Infinity });
    this.showPrompt();
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === ".quit" || line === ".exit") break;
      if (line !== "" && !line.startsWith("#")) await this.handle(line);
      this.showPrompt();
    }
    rl.close();
  }

  private async handle(line: string): Promise<void> {
    if (line.startsWith(".")) return this.meta(line);
    const { progress, filesDir } = this.options;
    const result = await this.options.backend.execute(line, this.actorId, {
      onProgress: (p) => progress?.update(p),
    });
    progress?.done();
    const outcome = filesDir ? await saveFiles(result, filesDir) : result;
    await this.notifying;
    this.write(this.options.json ? renderJson(outcome) : renderText(outcome));
    for (const n of await this.options.backend.flushNotifications()) await this.deliver(n);
  }

  /** A notification that arrives on its own (deadline nudges, scheduled reports from the worker). */
  notify(n: Notification): Promise<void> {
    const next = this.notifying.then(() => this.deliver(n));
    this.notifying = next.catch(() => {});
    return next;
  }

  /** Prints a notification, after writing its charts to files (the console's upload). */
  private async deliver(n: Notification): Promise<void> {
    const { filesDir, json } = this.options;
    const files =
      filesDir && n.charts?.length
        ? await saveNotificationFiles(n, filesDir, this.charts, (title, error) =>
            process.stderr.write(
              `chart not drawn (${title}): ${error instanceof Error ? error.message : String(error)}\n`,
            ),
          )
        : [];
    this.write(json ? renderNotificationJson(n, files) : renderNotificationText(n, files));
  }

  private meta(line: string): void {
    const [command, arg] = line.split(/\s+/, 2);
    if (command === ".as" && arg && /^[a-z0-9][a-z0-9._-]{0,63}$/i.test(arg)) {
      this.actorId = arg.toLowerCase();
      this.info(`now acting as ${this.actorId}`);
    } else if (command === ".whoami") {
      this.info(`acting as ${this.actorId}`);
    } else {
      this.info(metaHelp, false);
    }
  }

  private info(text: string, ok = true): void {
    if (this.options.json)
      this.write(
        JSON.stringify({
          ok,
          text,
          ...(ok ? {} : { error: { code: "E_UNKNOWN_COMMAND", message: text } }),
        }),
      );
    else this.write(text);
  }

  private write(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  private showPrompt(): void {
    if (this.options.prompt) this.options.output.write(`${this.actorId}> `);
  }
}
