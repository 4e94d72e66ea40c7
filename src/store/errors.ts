/**
 * Errors raised by the storage layer. Callers branch on `code`, never on the
 * message: messages are for humans (operators reading logs) and may change.
 */
export type StoreErrorCode =
  /** The database cannot be reached (down, wrong host/port, refused credentials). */
  | "E_DATABASE_UNAVAILABLE"
  /** The database is held by someone else (PGlite data directory already open). */
  | "E_DATABASE_LOCKED"
  /** A migration could not be applied, or the migration history is unusable. */
  | "E_MIGRATION"
  /** An already-applied migration was edited afterwards. */
  | "E_MIGRATION_DRIFT";

export class StoreError extends Error {
  override readonly name = "StoreError";
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isStoreError(err: unknown, code?: StoreErrorCode): err is StoreError {
  return err instanceof StoreError && (code === undefined || err.code === code);
}

// Node socket errors meaning "the server is not there (right now)".
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
]);
// SQLSTATEs: connection exceptions (class 08), server shutting down or
// starting up (57P01-57P03), too many connections.
const TRANSIENT_SQLSTATE = /^(08...|57P0[123]|53300)$/;
// Prisma's codes for the same situations (can't reach, timed out, connection
// closed, pool timeout, too many connections).
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
// Driver adapter error kinds (DriverAdapterError.cause.kind).
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
// node-postgres reports a dropped socket by message only.
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused/i;

/**
 * True when `err` (from Prisma, a driver adapter or node-postgres, possibly
 * wrapped) means the database could not be reached or dropped the
 * connection: the operation did not happen and may succeed if retried once
 * the server is back (e.g. PostgreSQL restarted under load). False for
 * everything else, including constraint violations and bad SQL.
 */
export function isConnectionError(err: unknown): boolean {
  return someCause(err, (e, rec) => {
    const code = rec["code"];
    if (typeof code === "string") {
      if (SOCKET_CODES.has(code) || PRISMA_CODES.has(code) || TRANSIENT_SQLSTATE.test(code)) {
        return true;
      }
    }
    if (typeof rec["originalCode"] === "string" && TRANSIENT_SQLSTATE.test(rec["originalCode"])) {
      return true;
    }
    if (typeof rec["kind"] === "string" && ADAPTER_KINDS.has(rec["kind"])) return true;
    if (e instanceof Error && PG_MESSAGES.test(e.message)) return true;
    return e instanceof StoreError && e.code === "E_DATABASE_UNAVAILABLE";
  });
}

// Deadlock detected, serialization failure; Prisma's "write conflict or deadlock".
const CONFLICT_SQLSTATE = new Set(["40P01", "40001"]);
const CONFLICT_KINDS = new Set(["TransactionWriteConflict"]);

/**
 * True when PostgreSQL aborted the transaction because it collided with a
 * concurrent one (deadlock, serialization failure): nothing was written, and
 * running the whole transaction again is the documented remedy.
 */
export function isTransactionConflict(err: unknown): boolean {
  return someCause(err, (_e, rec) => {
    const code = rec["code"];
    if (code === "P2034" || (typeof code === "string" && CONFLICT_SQLSTATE.has(code))) return true;
    const original = rec["originalCode"];
    if (typeof original === "string" && CONFLICT_SQLSTATE.has(original)) return true;
    return typeof rec["kind"] === "string" && CONFLICT_KINDS.has(rec["kind"]);
  });
}

/** Whether `test` holds for `err` or anything it wraps (cause, errors, Prisma's driverAdapterError). */
function someCause(
  err: unknown,
  test: (e: object, rec: Record<string, unknown>) => boolean,
): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (typeof e !== "object" || e === null || seen.has(e)) continue;
    seen.add(e);
    const rec = e as Record<string, unknown>;
    if (test(e, rec)) return true;
    queue.push(rec["cause"]);
    if (Array.isArray(rec["errors"])) queue.push(...(rec["errors"] as unknown[]));
    const meta = rec["meta"];
    if (typeof meta === "object" && meta !== null) {
      queue.push((meta as Record<string, unknown>)["driverAdapterError"]);
    }
  }
  return false;
}
