import {
  DefaultRestOptions,
  RateLimitError,
  REST,
  type RESTOptions,
  type ResponseLike,
} from "discord.js";

/**
 * One REST client per process does the bot's calls, so discord.js keeps one
 * view of the buckets and of the global limit. 429s are waited out by
 * discord.js (Retry-After); the notifier's client rejects instead, so the
 * worker can schedule the retry.
 */
export interface RestSettings {
  token: string;
  /** Without /v10. */
  apiUrl: string;
  /** Throw a RateLimitError instead of waiting (the notifier). */
  rejectOnRateLimit?: boolean;
}

export function restOptions(settings: Omit<RestSettings, "token">): Partial<RESTOptions> {
  return {
    api: settings.apiUrl,
    makeRequest: honourBodyRetryAfter,
    ...(settings.rejectOnRateLimit ? { rejectOnRateLimit: () => true } : {}),
    // A stuck request must not hold a deferred interaction past its 15 minutes.
    timeout: 10_000,
  };
}

export function createRest(settings: RestSettings): REST {
  return new REST(restOptions(settings)).setToken(settings.token);
}

/**
 * discord.js waits on the Retry-After header only; Discord also sends
 * `retry_after` (seconds) in the body, and a proxy may drop the header. The
 * body's value then becomes the header, so the wait is never zero.
 */
async function honourBodyRetryAfter(url: string, init: RequestInit): Promise<ResponseLike> {
  const res = await DefaultRestOptions.makeRequest(url, init);
  if (res.status !== 429 || res.headers.get("retry-after") !== null) return res;
  const text = await res.text();
  let seconds = 1;
  try {
    const body = JSON.parse(text) as { retry_after?: unknown };
    if (typeof body.retry_after === "number" && body.retry_after >= 0) seconds = body.retry_after;
  } catch {
    // not JSON: keep the one-second default
  }
  const headers = new Headers(res.headers);
  headers.set("Retry-After", String(seconds));
  return new Response(text, { status: 429, statusText: res.statusText, headers });
}

/** A notification Discord refused for now; the worker retries after `retryAfterMs`. */
export class DiscordRateLimitedError extends Error {
  override readonly name = "DiscordRateLimitedError";
  readonly code = "E_RATE_LIMITED";
  constructor(
    readonly retryAfterMs: number,
    readonly global: boolean,
    options?: { cause?: unknown },
  ) {
    super(
      `Discord rate limit${global ? " (global)" : ""}: retry after ${retryAfterMs} ms`,
      options,
    );
  }
}

export function asRateLimited(error: unknown): DiscordRateLimitedError | null {
  if (error instanceof RateLimitError) {
    return new DiscordRateLimitedError(Math.max(0, Math.ceil(error.retryAfter)), error.global, {
      cause: error,
    });
  }
  return null;
}
