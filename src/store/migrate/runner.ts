// Applies pending migrations at start-up, safely when several processes
// start at once, and refuses to run on a database whose history does not
// match the migrations directory.
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { Database } from "../database.ts";
import { isConnectionError, StoreError } from "../errors.ts";
import { createHash } from "node:crypto";
import {
  applyMigrations,
  DEFAULT_MIGRATIONS_DIR,
  delegate,
  diagnose,
  readMigrations,
  type EngineLogger,
  type MigrationDiagnosis,
} from "./schema-engine.ts";

/** The key `prisma migrate` locks, so this runner and the Prisma CLI exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;

export interface MigrateOptions {
  /** Defaults to prisma/migrations of this project. */
  migrationsDir?: string;
  /** How long to wait for another process's migration to finish (Postgres). Default 60 s. */
  lockTimeoutMs?: number;
  /** Engine log lines (debug detail: which migration is being applied, timings). */
  onLog?: EngineLogger;
}

/** What the runner needs of a database; `Database` satisfies it. */
export type MigrationTarget = Pick<Database, "kind" | "location" | "adapterFactory">;

/**
 * Brings the database up to the migrations directory. Idempotent: returns
 * the names it applied, `[]` when there was nothing to do.
 *
 * Locking:
 * - PostgreSQL: `pg_advisory_lock(72707369)` on a dedicated connection, held
 *   from before the history is inspected until the last migration is
 *   recorded, so concurrent starters queue up and the late ones find nothing
 *   to do. The engine runs on that same connection, which matters: it takes
 *   the same lock itself, and session advisory locks are re-entrant only
 *   within one session (from any other connection it would deadlock on us).
 * - PGlite: one process at a time by construction. PGlite is a single
 *   connection inside this process and `openDatabase` holds an exclusive
 *   lock file on its data directory (PGlite itself would happily let two
 *   processes open one directory and corrupt it); within the process,
 *   concurrent calls are serialised here.
 */
export async function migrate(
  db: MigrationTarget,
  options: MigrateOptions = {},
): Promise<string[]> {
  if (db.kind === "pglite") return serialised(db.adapterFactory, () => migrateLocked(db, options));

  const session = pinnedSession(db.adapterFactory);
  try {
    const adapter = await session.open();
    await acquireLock(adapter, db, options.lockTimeoutMs ?? 60_000);
    // Closing the session's only connection releases the lock (and the
    // engine's re-entrant hold on it); no explicit unlock to forget.
    return await migrateLocked({ ...db, adapterFactory: session.factory }, options);
  } catch (err) {
    throw asStoreError(err, db);
  } finally {
    await session.close();
  }
}

/** Read-only view of the migration history (`migrate status`). */
export async function migrationStatus(
  db: MigrationTarget,
  options: Pick<MigrateOptions, "migrationsDir" | "onLog"> = {},
): Promise<MigrationDiagnosis> {
  try {
    return await diagnose(db.adapterFactory, engineOptions(options));
  } catch (err) {
    throw asStoreError(err, db);
  }
}

async function migrateLocked(db: MigrationTarget, options: MigrateOptions): Promise<string[]> {
  const engine = engineOptions(options);
  try {
    // Nothing to do is what almost every start finds: known from the history
    // table alone, without loading the engine (about 20 MB of WebAssembly).
    if (await upToDate(db.adapterFactory, engine.migrationsDir)) return [];
    // Inspected under the lock: another process's half-applied migration
    // would otherwise look like a failed one.
    const history = await diagnose(db.adapterFactory, engine);
    refuseBrokenHistory(history, engine.migrationsDir);
    if (history.pending.length === 0) return [];
    return await applyMigrations(db.adapterFactory, engine);
  } catch (err) {
    throw asStoreError(err, db);
  }
}

/**
 * True only when every migration in the directory is recorded as applied,
 * finished and with the same checksum (Prisma's: SHA-256 of migration.sql),
 * and the history holds nothing else that counts. Anything unusual (edited,
 * failed, unknown or pending migrations, no history yet) is the engine's to
 * diagnose, so this answers false.
 */
async function upToDate(
  factory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir: string,
): Promise<boolean> {
  const local = await readMigrations(migrationsDir);
  const expected = new Map<string, string>();
  for (const dir of local.migrationDirectories) {
    if (dir.migrationFile.content.tag !== "ok") return false;
    expected.set(
      dir.path,
      createHash("sha256").update(dir.migrationFile.content.value).digest("hex"),
    );
  }
  const adapter = await factory.connect();
  try {
    const present = await adapter.queryRaw({
      sql: "SELECT to_regclass('_prisma_migrations')::text",
      args: [],
      argTypes: [],
    });
    if (present.rows[0]?.[0] == null) return false;
    const history = await adapter.queryRaw({
      sql: `SELECT migration_name, checksum,
              CASE WHEN finished_at IS NOT NULL THEN 'done' ELSE 'open' END
            FROM _prisma_migrations WHERE rolled_back_at IS NULL`,
      args: [],
      argTypes: [],
    });
    const applied = new Map<string, string>();
    for (const [name, checksum, state] of history.rows) {
      if (state !== "done" || typeof name !== "string" || applied.has(name)) return false;
      applied.set(name, String(checksum));
    }
    if (applied.size !== expected.size) return false;
    for (const [name, checksum] of expected) if (applied.get(name) !== checksum) return false;
    return true;
  } finally {
    await adapter.dispose();
  }
}

function refuseBrokenHistory(history: MigrationDiagnosis, migrationsDir: string): void {
  const [edited] = history.edited;
  if (edited !== undefined) {
    const others = history.edited.length > 1 ? ` (and ${history.edited.slice(1).join(", ")})` : "";
    throw new StoreError(
      "E_MIGRATION_DRIFT",
      `migration ${edited}${others} was edited after it was applied to this database: ` +
        `its migration.sql in ${migrationsDir} no longer matches the checksum recorded in ` +
        `_prisma_migrations. Applied migrations must not change: restore the file and put the ` +
        `change in a new migration (npm run migrate:create -- <name>).`,
    );
  }
  const [failed] = history.failed;
  if (failed !== undefined) {
    throw new StoreError(
      "E_MIGRATION",
      `migration ${failed} failed on an earlier run and is marked as failed in _prisma_migrations ` +
        `(see its "logs" column). A migration runs as one implicit transaction, so unless it ` +
        `has its own COMMIT it left nothing behind: fix it, then mark the attempt rolled back with ` +
        `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '${failed}' ` +
        `AND finished_at IS NULL; and start again.`,
    );
  }
}

async function acquireLock(
  adapter: SqlDriverAdapter,
  db: MigrationTarget,
  timeoutMs: number,
): Promise<void> {
  const run = (sql: string) => adapter.executeRaw({ sql, args: [], argTypes: [] });
  // lock_timeout bounds the wait for advisory locks too; reset right after so
  // it does not also cut short the migrations' own DDL.
  await run(`SET lock_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
  try {
    await run(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  } catch (err) {
    if (sqlState(err) === "55P03") {
      throw new StoreError(
        "E_MIGRATION",
        `timed out after ${timeoutMs} ms waiting for the migration lock on ${db.location}: ` +
          `another process has been migrating this database for that long. If none is ` +
          `running, look for a stuck session holding pg_advisory_lock(${MIGRATION_LOCK_KEY}) ` +
          `in pg_locks.`,
        { cause: err },
      );
    }
    throw err;
  }
  await run("SET lock_timeout = DEFAULT");
}

function engineOptions(options: Pick<MigrateOptions, "migrationsDir" | "onLog">) {
  return {
    migrationsDir: options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR,
    ...(options.onLog ? { onLog: options.onLog } : {}),
  };
}

/**
 * A factory that hands out one connection, again and again: the runner opens
 * it (and locks on it) before the engine asks, and only the runner closes it.
 */
function pinnedSession(factory: SqlMigrationAwareDriverAdapterFactory) {
  let adapter: Promise<SqlDriverAdapter> | undefined;
  const open = () => (adapter ??= factory.connect());
  const shared = async (): Promise<SqlDriverAdapter> => {
    // The engine's "done with it" must not close our session.
    return { ...delegate(await open()), dispose: async () => {} };
  };
  return {
    open,
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: shared,
      connectToShadowDb: () => factory.connectToShadowDb(),
    } satisfies SqlMigrationAwareDriverAdapterFactory,
    close: async () => {
      const pending = adapter;
      adapter = undefined;
      if (pending) await pending.then((a) => a.dispose()).catch(() => {});
    },
  };
}

// PGlite: in-process queue per database.
const queues = new WeakMap<object, Promise<unknown>>();
function serialised<T>(key: object, run: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(run);
  queues.set(key, next);
  return next;
}

function asStoreError(err: unknown, db: MigrationTarget): StoreError {
  if (err instanceof StoreError) return err;
  const reason = err instanceof Error ? err.message : String(err);
  if (isConnectionError(err)) {
    return new StoreError(
      "E_DATABASE_UNAVAILABLE",
      `lost the database (${db.location}) while migrating: ${reason}`,
      { cause: err },
    );
  }
  return new StoreError("E_MIGRATION", `migrating ${db.location} failed: ${reason}`, {
    cause: err,
  });
}

function sqlState(err: unknown): string | undefined {
  // DriverAdapterError keeps the database error in `cause` ({ kind: "postgres", code }).
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const rec = e as Record<string, unknown>;
    if (typeof rec["code"] === "string" && /^[0-9A-Z]{5}$/.test(rec["code"])) return rec["code"];
    if (typeof rec["originalCode"] === "string") return rec["originalCode"];
    e = rec["cause"];
  }
  return undefined;
}
