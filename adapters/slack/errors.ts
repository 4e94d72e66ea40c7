import { webApi } from "@slack/bolt";

/**
 * Failures of the Slack adapter, each with a stable code. A delivery Slack
 * rate-limited carries `retryAfterMs`, so the caller (the worker) schedules
 * the retry instead of this process sleeping on it.
 */
export const SlackErrorCode = {
  RateLimited: "E_SLACK_RATE_LIMITED",
  Unavailable: "E_SLACK_UNAVAILABLE",
  Refused: "E_SLACK_REFUSED",
  Config: "E_SLACK_CONFIG",
} as const;
export type SlackErrorCode = (typeof SlackErrorCode)[keyof typeof SlackErrorCode];

export class SlackAdapterError extends Error {
  override readonly name = "SlackAdapterError";
  readonly code: SlackErrorCode;
  /**
   * How long Slack asked us to wait (429, or a 5xx with Retry-After). The
   * worker postpones the delivery by exactly this, without using an attempt.
   */
  readonly retryAfterMs: number | undefined;
  /** Trying again later may work (5xx, network, Slack's transient errors), even without a Retry-After. */
  readonly transient: boolean;
  /** Slack's own error string (`channel_not_found`, …) when it gave one. */
  readonly slackError: string | undefined;

  constructor(
    code: SlackErrorCode,
    message: string,
    options: {
      cause?: unknown;
      retryAfterMs?: number;
      transient?: boolean;
      slackError?: string;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
    this.transient = options.transient ?? options.retryAfterMs !== undefined;
    this.slackError = options.slackError;
  }
}

export function isSlackAdapterError(error: unknown): error is SlackAdapterError {
  return error instanceof SlackAdapterError;
}

/** Slack errors that mean "later", not "never". */
const transientPlatformErrors = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
]);

/**
 * Turns whatever the Web API client threw into a coded error: 429 → rate
 * limited with Slack's Retry-After, 5xx and network failures → unavailable
 * (transient, with Retry-After only when Slack sent one), `ok: false` →
 * refused (not transient unless Slack's error says so).
 */
export function classifySlackError(error: unknown, method: string): SlackAdapterError {
  if (error instanceof SlackAdapterError) return error;
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new SlackAdapterError(
      SlackErrorCode.RateLimited,
      `Slack rate-limited ${method}; retry after ${error.retryAfter} s`,
      { cause: error, retryAfterMs: error.retryAfter * 1000 },
    );
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const header = Number.parseInt(error.headers["retry-after"] ?? "", 10);
    return new SlackAdapterError(
      SlackErrorCode.Unavailable,
      `Slack answered ${method} with HTTP ${error.statusCode}`,
      {
        cause: error,
        transient: true,
        ...(Number.isFinite(header) ? { retryAfterMs: header * 1000 } : {}),
      },
    );
  }
  if (error instanceof webApi.WebAPIRequestError) {
    return new SlackAdapterError(
      SlackErrorCode.Unavailable,
      `could not reach Slack for ${method}: ${error.original.message}`,
      { cause: error, transient: true },
    );
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const slackError = error.data.error;
    return new SlackAdapterError(SlackErrorCode.Refused, `Slack refused ${method}: ${slackError}`, {
      cause: error,
      slackError,
      transient: transientPlatformErrors.has(slackError),
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SlackAdapterError(SlackErrorCode.Unavailable, `${method} failed: ${message}`, {
    cause: error,
    transient: true,
  });
}
