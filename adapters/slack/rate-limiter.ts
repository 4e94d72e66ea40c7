/**
 * Spaces chat.postMessage calls per channel: Slack allows about one message
 * per second per channel and answers bursts with 429s. Calls for one channel
 * run one after another, each at least `intervalMs` after the previous one
 * started; different channels do not wait for each other. Per process: a
 * second process posting to the same channel has its own pacing (and Slack's
 * 429 handling as the backstop).
 */
export interface PacerOptions {
  /** Default 1000 ms. */
  intervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Lane {
  tail: Promise<void>;
  nextAt: number;
}

export class ChannelPacer {
  private readonly lanes = new Map<string, Lane>();
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: PacerOptions = {}) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  }

  run<T>(channel: string, task: () => Promise<T>): Promise<T> {
    const lane = this.lanes.get(channel) ?? { tail: Promise.resolve(), nextAt: 0 };
    const result = lane.tail.then(async () => {
      const wait = lane.nextAt - this.now();
      if (wait > 0) await this.sleep(wait);
      lane.nextAt = this.now() + this.intervalMs;
      return task();
    });
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    lane.tail = tail;
    this.lanes.set(channel, lane);
    // Idle lanes are dropped once their interval is over, so the map stays small.
    void tail.then(() => {
      if (lane.tail === tail) {
        const idle = Math.max(0, lane.nextAt - this.now());
        setTimeout(() => {
          if (lane.tail === tail && this.lanes.get(channel) === lane) this.lanes.delete(channel);
        }, idle).unref();
      }
    });
    return result;
  }

  /** Channels with a pending or recent call (diagnostics, tests). */
  get activeChannels(): number {
    return this.lanes.size;
  }
}
