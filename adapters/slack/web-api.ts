import type { webApi } from "@slack/bolt";
import { classifySlackError, type SlackAdapterError } from "./errors.ts";

/**
 * Every Web API client of the adapter throws at once on 429 instead of
 * sleeping inside the SDK: interactive paths retry here with Slack's
 * Retry-After (a bounded number of times), and the notifier hands the wait
 * to its caller.
 */
export function slackClientOptions(apiUrl: string): webApi.WebClientOptions {
  return {
    slackApiUrl: apiUrl,
    rejectRateLimitedCalls: true,
    // One attempt per call; the retry decision is ours (see withRetries).
    retryConfig: { retries: 0 },
    timeout: 10_000,
  };
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Give up rather than wait longer than this for one retry. */
  maxWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const interactiveRetry: RetryPolicy = { attempts: 3, maxWaitMs: 10_000 };

/** The wait before retrying a transient failure Slack gave no Retry-After for. */
const BACKOFF_MS = 1_000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs one Web API call, retrying 429 / 5xx / network failures after the wait
 * Slack asked for. Throws the classified error when out of attempts, when the
 * wait is longer than the policy allows, or when Slack refused for good.
 */
export async function withRetries<T>(
  method: string,
  call: () => Promise<T>,
  policy: RetryPolicy = interactiveRetry,
): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep;
  let last: SlackAdapterError | undefined;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      return await call();
    } catch (error) {
      last = classifySlackError(error, method);
      const wait = last.retryAfterMs ?? BACKOFF_MS * attempt;
      if (!last.transient || wait > policy.maxWaitMs || attempt === policy.attempts) throw last;
      await sleep(wait);
    }
  }
  // Unreachable with attempts >= 1; keeps the type checker honest.
  throw last ?? new Error(`${method}: no attempt made`);
}
