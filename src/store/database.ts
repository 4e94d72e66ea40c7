// Opening the database: PostgreSQL when a URL is given, otherwise embedded
// PGlite (single process, for small installs and development). Both run the
// same migrations and the same Prisma client.
import { open, readFile, unlink, mkdir } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { isConnectionError, StoreError } from "./errors.ts";
import { migrate, type MigrateOptions } from "./migrate/runner.ts";
import { pgliteEngineFactory, postgresEngineFactory } from "./migrate/schema-engine.ts";

export { isConnectionError } from "./errors.ts";

export type DatabaseKind = "postgres" | "pglite";

export interface Database {
  readonly prisma: PrismaClient;
  readonly kind: DatabaseKind;
  /** Where the data lives, safe to log: the URL without its password, or the PGlite directory. */
  readonly location: string;
  /**
   * For the schema engine (migrations). On PostgreSQL each `connect()` is a
   * dedicated single-connection pool, separate from `prisma`'s; on PGlite it
   * is the same single connection `prisma` uses.
   */
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** The embedded instance when kind is "pglite" (snapshots, diagnostics). */
  readonly pglite?: PGlite;
  /** Disconnects and releases the PGlite directory. Idempotent. */
  close(): Promise<void>;
}

/** pino-compatible; only these two levels are used. */
export interface StoreLogger {
  info(msg: string): void;
  warn(msg: string): void;
}

/** `dataDir` value for a throwaway in-memory PGlite (tests). */
export const IN_MEMORY = "memory://";

export interface OpenDatabaseOptions {
  /** PostgreSQL connection URL. Absent: embedded PGlite. */
  url?: string | undefined;
  /** PGlite keeps its files in `${dataDir}/pglite`; IN_MEMORY keeps them in memory. */
  dataDir: string;
  /** In-memory PGlite only: start from a `PGlite.dumpDataDir()` snapshot. */
  pgliteSnapshot?: Blob | undefined;
  /** PostgreSQL pool size (default 10): commands are short transactions. */
  poolSize?: number | undefined;
  /** Give up connecting to PostgreSQL after this long (default 5 s). */
  connectTimeoutMs?: number | undefined;
  logger?: StoreLogger | undefined;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.url === undefined ? openPglite(options) : openPostgres(options.url, options);
}

/** Opens the database and applies pending migrations (what the app does at start). */
export async function openMigratedDatabase(
  options: OpenDatabaseOptions & MigrateOptions,
): Promise<Database> {
  const db = await openDatabase(options);
  try {
    const applied = await migrate(db, options);
    if (applied.length > 0) {
      options.logger?.info(
        `applied ${applied.length} migration(s) to ${db.location}: ${applied.join(", ")}`,
      );
    }
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}

// ---------------------------------------------------------------------------
// PostgreSQL

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<Database> {
  const location = describePostgresUrl(url);
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const config: pg.PoolConfig = {
    connectionString: url,
    connectionTimeoutMillis: connectTimeoutMs,
    keepAlive: true,
    application_name: "complaint-desk",
  };
  const pool = new pg.Pool({ ...config, max: options.poolSize ?? 10, idleTimeoutMillis: 30_000 });
  // An idle connection dies when PostgreSQL restarts; the pool drops it and
  // the next query opens a new one. Without a listener the process would crash.
  pool.on("error", (err) =>
    options.logger?.warn(`idle PostgreSQL connection lost: ${err.message}`),
  );
  // A connection can die in the instant between the pool handing it out and
  // Prisma's adapter listening on it (a restart right after connecting): its
  // 'error' event would then have no listener and crash the process. The
  // query that uses the connection fails and reports it (E_UNAVAILABLE).
  pool.on("connect", (client) => client.on("error", () => {}));

  try {
    await pool.query("SELECT 1");
  } catch (err) {
    await pool.end().catch(() => {});
    throw unavailable(location, err);
  }

  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: "postgres",
    location,
    adapterFactory: postgresEngineFactory(config),
    close: once(async () => {
      await prisma.$disconnect().catch(() => {});
      await pool.end();
    }),
  };
}

function unavailable(location: string, err: unknown): StoreError {
  const reason = describeError(err);
  const hint = isConnectionError(err)
    ? "Is it running, and are the host and port in DATABASE_URL right?"
    : "Check the user, password and database name in DATABASE_URL.";
  return new StoreError(
    "E_DATABASE_UNAVAILABLE",
    `cannot reach PostgreSQL at ${location}: ${reason}. ${hint} ` +
      `(Unset DATABASE_URL to use the embedded database instead.)`,
    { cause: err },
  );
}

/** The URL as host:port/database with the user but never the password. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : "";
    return `${user}${u.hostname || "localhost"}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

// ---------------------------------------------------------------------------
// PGlite

// PGlite (about 30 MB of WebAssembly) is loaded only by processes that use it.
async function openPglite(options: OpenDatabaseOptions): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  if (options.dataDir === IN_MEMORY) {
    const db = options.pgliteSnapshot
      ? new PGlite({ loadDataDir: options.pgliteSnapshot })
      : new PGlite();
    return pgliteDatabase(db, "PGlite (in memory)", async () => {});
  }

  const dataDir = path.resolve(options.dataDir);
  // PGlite creates its own directory but not the parents.
  await mkdir(dataDir, { recursive: true });
  const release = await lockDirectory(path.join(dataDir, "pglite.lock"), options.logger);
  try {
    return await pgliteDatabase(
      new PGlite(path.join(dataDir, "pglite")),
      path.join(dataDir, "pglite"),
      release,
    );
  } catch (err) {
    await release();
    throw err;
  }
}

async function pgliteDatabase(
  db: PGlite,
  location: string,
  release: () => Promise<void>,
): Promise<Database> {
  try {
    await db.waitReady;
  } catch (err) {
    throw new StoreError(
      "E_DATABASE_UNAVAILABLE",
      `cannot open the embedded database at ${location}: ${describeError(err)}`,
      { cause: err },
    );
  }
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    prisma,
    kind: "pglite",
    location,
    pglite: db,
    adapterFactory: pgliteEngineFactory(db),
    close: once(async () => {
      try {
        await prisma.$disconnect().catch(() => {});
        await db.close();
      } finally {
        await release();
      }
    }),
  };
}

// PGlite lets two processes open one directory, and they then corrupt it.
// A lock file (O_EXCL) holding the owner's pid keeps it to one process.
// A lock left by a dead process is taken over; so is one left by an earlier
// process with our own pid (containers restart with the same pids), or by
// another host (a recreated container has a new hostname), with a warning.
const ourLocks = new Set<string>();

async function lockDirectory(lockPath: string, logger?: StoreLogger): Promise<() => Promise<void>> {
  const me = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const file = await open(lockPath, "wx");
      await file.writeFile(JSON.stringify({ ...me, since: new Date().toISOString() }));
      await file.close();
      ourLocks.add(lockPath);
      return once(async () => {
        ourLocks.delete(lockPath);
        await unlink(lockPath).catch(() => {});
      });
    } catch (err) {
      if (!isErrno(err, "EEXIST")) throw err;
    }
    const holder = await readLock(lockPath);
    if (holder && holder.host === me.host && isAlive(holder.pid)) {
      if (holder.pid !== me.pid || ourLocks.has(lockPath)) {
        const who = holder.pid === me.pid ? "this process" : `process ${holder.pid}`;
        throw new StoreError(
          "E_DATABASE_LOCKED",
          `the embedded database in ${path.dirname(lockPath)} is already open in ${who}; ` +
            `PGlite supports a single process. Stop the other process, or use PostgreSQL ` +
            `(DATABASE_URL) to run several.`,
        );
      }
    }
    if (holder && holder.host !== me.host) {
      logger?.warn(`taking over ${lockPath} left by ${holder.host} (pid ${holder.pid})`);
    }
    await unlink(lockPath).catch(() => {});
  }
  throw new StoreError("E_DATABASE_LOCKED", `could not lock ${lockPath}: it keeps reappearing`);
}

async function readLock(lockPath: string): Promise<{ pid: number; host: string } | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(lockPath, "utf8"));
    if (typeof parsed === "object" && parsed !== null) {
      const { pid, host } = parsed as Record<string, unknown>;
      if (typeof pid === "number" && typeof host === "string") return { pid, host };
    }
  } catch {
    // unreadable or half-written: treat as stale
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isErrno(err, "EPERM"); // exists, owned by someone else
  }
}

// ---------------------------------------------------------------------------

function isErrno(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === code;
}

function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    // pg reports "localhost" resolving to ::1 and 127.0.0.1 as one AggregateError with no message.
    return [...new Set(err.errors.map(describeError))].join("; ");
  }
  if (err instanceof Error && err.message) return err.message;
  if (typeof err === "object" && err !== null) {
    const { name, errno } = err as { name?: unknown; errno?: unknown };
    if (typeof name === "string")
      return `${name}${typeof errno === "number" ? ` (errno ${errno})` : ""}`;
  }
  return String(err);
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
