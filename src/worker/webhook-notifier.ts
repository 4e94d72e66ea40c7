import type { Notification } from "../core/notifications/notification.ts";
import { notificationFiles } from "../core/notifications/files.ts";
import type { Notifier } from "../core/notifications/notifier.ts";
import type { ChartRenderer } from "../core/reports/services.ts";
import type { Logger } from "../logging.ts";
import { lazyChartRenderer } from "../reports/lazy.ts";

/** A delivery the receiver refused; `retryAfterMs` set for 429 / 503 with Retry-After. */
export class WebhookError extends Error {
  override readonly name = "WebhookError";
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export interface WebhookNotifierOptions {
  /** Draws the charts a notification carries; default the bundled renderer, null: none are sent. */
  charts?: ChartRenderer | null;
  logger?: Pick<Logger, "warn">;
}

/**
 * Posts each notification as JSON to a URL (NOTIFY_WEBHOOK_URL): for
 * systems that take notifications outside Slack and Discord. The
 * notification key travels as Idempotency-Key, so a receiver that honours it
 * sees every notification once even across a worker crash mid-send. Charts
 * (the monthly summary's) travel inside the same body as base64 PNGs, a few
 * dozen kB each: one request, so the key covers the files too.
 */
export class WebhookNotifier implements Notifier {
  private readonly charts: ChartRenderer | null;

  constructor(
    private readonly url: string,
    private readonly timeoutMs = 10_000,
    private readonly options: WebhookNotifierOptions = {},
  ) {
    this.charts = options.charts === undefined ? lazyChartRenderer() : options.charts;
  }

  async send(n: Notification): Promise<void> {
    const files = await notificationFiles(n, this.charts, (spec, error) =>
      this.options.logger?.warn(
        { err: error, chart: spec.id, key: n.key },
        "webhook: chart not drawn; the notification goes without it",
      ),
    );
    const response = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": n.key },
      body: JSON.stringify({
        kind: n.kind,
        to: n.to,
        text: n.text,
        complaint: n.complaint ?? null,
        key: n.key,
        urgent: n.urgent ?? false,
        ...(files.length
          ? {
              files: files.map((f) => ({
                filename: f.filename,
                contentType: f.contentType,
                bytes: f.bytes,
                title: f.title ?? f.filename,
                base64: f.base64 ?? null,
              })),
            }
          : {}),
      }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.ok) return;
    const after =
      response.status === 429 || response.status === 503
        ? retryAfter(response.headers.get("retry-after"))
        : undefined;
    throw new WebhookError(`webhook answered ${response.status}`, response.status, after);
  }
}
