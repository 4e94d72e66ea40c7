// Counts what both Slack apps of bench/slack-command.ts ask PostgreSQL, by
// wrapping pg's Client#query (Prisma's pg adapter and the baseline's pool both
// go through it): database round trips per request, and how long the complaint
// number's counter row stays locked (from the counter upsert's answer to the
// COMMIT's), since that lock serialises every `open` until its commit.
// Diagnostic only: a counter and a WeakMap look-up per query.
import pg from "pg";

export interface PgProbe {
  /** Queries sent (BEGIN and COMMIT included). */
  readonly queries: number;
  /** Total time the counter row was held by a committed or rolled-back transaction. */
  readonly lockHeldMs: number;
  readonly lockHolds: number;
  /** Queries sent while holding the lock, COMMIT included, summed over holds. */
  readonly queriesUnderLock: number;
  restore(): void;
}

type Query = (this: object, ...args: unknown[]) => unknown;

/** `lockMarker`: a fragment of the SQL that takes the lock (the counter upsert). */
export function probePg(lockMarker: string): PgProbe {
  const proto = pg.Client.prototype as unknown as { query: Query };
  const original = proto.query;
  // Per connection: when its transaction got the lock, and what it sent since.
  const holding = new WeakMap<object, { since: number; queries: number }>();
  const probe = { queries: 0, lockHeldMs: 0, lockHolds: 0, queriesUnderLock: 0 };
  proto.query = function (this: object, ...args: unknown[]): unknown {
    probe.queries++;
    const result = original.apply(this, args);
    if (!(result instanceof Promise)) return result;
    const first = args[0];
    const text = typeof first === "string" ? first : (first as { text?: unknown } | null)?.text;
    if (typeof text !== "string") return result;
    const held = holding.get(this);
    if (held) held.queries++;
    if (text.includes(lockMarker)) {
      result.then(
        () => holding.set(this, { since: performance.now(), queries: 0 }),
        () => undefined,
      );
    } else if ((text === "COMMIT" || text === "ROLLBACK") && held) {
      holding.delete(this);
      const released = () => {
        probe.lockHeldMs += performance.now() - held.since;
        probe.lockHolds++;
        probe.queriesUnderLock += held.queries;
      };
      result.then(released, released);
    }
    return result;
  };
  return {
    get queries() {
      return probe.queries;
    },
    get lockHeldMs() {
      return probe.lockHeldMs;
    },
    get lockHolds() {
      return probe.lockHolds;
    },
    get queriesUnderLock() {
      return probe.queriesUnderLock;
    },
    restore() {
      proto.query = original;
    },
  };
}
