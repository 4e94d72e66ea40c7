// Isolated, migrated databases for tests, on both engines:
//
//   describe.each(databaseKinds)("%s", (kind) => {
//     let db: TestDatabase;
//     beforeEach(async () => { db = await createTestDatabase(kind); });
//     afterEach(() => db.close());
//     ...
//   });
//
// Fast because nothing is migrated per test:
// - PostgreSQL: each database is `CREATE DATABASE cd_test_… TEMPLATE
//   cd_template_<hash of prisma/migrations>`; the template is built once (the
//   first worker to need it builds it under an advisory lock, the others
//   wait and reuse it; later runs reuse it as long as the migrations are
//   unchanged). close() drops the database.
// - PGlite: each database is an in-memory PGlite loaded from a snapshot of a
//   migrated one, cached in the OS temp dir under the same hash (~0.5 s
//   instead of ~4 s of initdb plus migrating).
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import {
  IN_MEMORY,
  openDatabase,
  openMigratedDatabase,
  type Database,
} from "../../src/store/database.ts";
import { DEFAULT_MIGRATIONS_DIR } from "../../src/store/migrate/schema-engine.ts";

export const databaseKinds = ["postgres", "pglite"] as const;
export type TestDatabaseKind = (typeof databaseKinds)[number];

export interface TestDatabase extends Database {
  /** PostgreSQL only: the URL of this database, to open more connections to it. */
  readonly url: string | undefined;
}

export interface TestDatabaseOptions {
  /** false: an empty database, no migrations applied (for migration tests). Default true. */
  migrated?: boolean;
}

/** Where test databases are created; needs CREATEDB. */
export const adminUrl =
  process.env["TEST_DATABASE_URL"] ?? "postgresql://root@127.0.0.1:5432/postgres";

export async function createTestDatabase(
  kind: TestDatabaseKind,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  return kind === "postgres" ? createPostgres(migrated) : createPglite(migrated);
}

// ---------------------------------------------------------------------------
// PostgreSQL

const TEMPLATE_LOCK_KEY = 1667522420; // arbitrary; distinct from the migration lock
const STALE_AFTER_SECONDS = 6 * 3600;

let adminPool: pg.Pool | undefined;
function admin(): pg.Pool {
  if (!adminPool) {
    adminPool = new pg.Pool({ connectionString: adminUrl, max: 2, idleTimeoutMillis: 1_000 });
    adminPool.on("error", () => {});
  }
  return adminPool;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function createPostgres(migrated: boolean): Promise<TestDatabase> {
  const template = migrated ? await postgresTemplate() : "template1";
  // The creation time in the name lets a later run drop what a crashed run left.
  const name = `cd_test_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
  await admin().query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = databaseUrl(name);
  let db: Database;
  try {
    db = await openDatabase({ url, dataDir: IN_MEMORY, poolSize: 4 });
  } catch (err) {
    await dropDatabase(name);
    throw err;
  }
  return {
    ...db,
    url,
    close: async () => {
      try {
        await db.close();
      } finally {
        await dropDatabase(name);
      }
    },
  };
}

async function dropDatabase(name: string): Promise<void> {
  // FORCE terminates whatever is still connected (a test that leaked a client).
  await admin().query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

let templateName: Promise<string> | undefined;
function postgresTemplate(): Promise<string> {
  templateName ??= buildTemplate().catch((err: unknown) => {
    templateName = undefined;
    throw err;
  });
  return templateName;
}

async function buildTemplate(): Promise<string> {
  const name = `cd_template_${await migrationsHash()}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [TEMPLATE_LOCK_KEY]);
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      // Built under another name and renamed when complete: a run killed
      // half-way never leaves a half-migrated template behind.
      const building = `${name}_building`;
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${building}"`);
      const db = await openMigratedDatabase({ url: databaseUrl(building), dataDir: IN_MEMORY });
      await db.close();
      await terminateConnections(client, building);
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      // Nobody may connect to it: a connection would make CREATE … TEMPLATE fail.
      await client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
    }
    await dropStaleTestDatabases(client);
    return name;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [TEMPLATE_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function terminateConnections(client: pg.Client, name: string): Promise<void> {
  await client.query(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    [name],
  );
}

async function dropStaleTestDatabases(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname ~ '^cd_test_[0-9]+_'",
  );
  const cutoff = Date.now() / 1000 - STALE_AFTER_SECONDS;
  for (const { datname } of rows) {
    const created = Number(datname.split("_")[2]);
    if (created < cutoff) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
    }
  }
}

// ---------------------------------------------------------------------------
// PGlite

const snapshots = new Map<string, Promise<Blob>>();

async function createPglite(migrated: boolean): Promise<TestDatabase> {
  const key = `pglite-${await pgliteVersion()}-${migrated ? await migrationsHash() : "empty"}`;
  let snapshot = snapshots.get(key);
  if (!snapshot) {
    snapshot = cachedSnapshot(key, migrated);
    snapshots.set(key, snapshot);
    snapshot.catch(() => snapshots.delete(key));
  }
  const db = await openDatabase({ dataDir: IN_MEMORY, pgliteSnapshot: await snapshot });
  return { ...db, url: undefined };
}

/** Snapshots are PGlite's on-disk format: never reuse one across PGlite versions. */
async function pgliteVersion(): Promise<string> {
  // The package does not export its package.json; find it above its entry point.
  let dir = path.dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  for (;;) {
    try {
      const pkg = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as unknown;
      const { name, version } = pkg as { name?: unknown; version?: unknown };
      if (name === "@electric-sql/pglite" && typeof version === "string") return version;
    } catch {
      // keep looking
    }
    const parent = path.dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

async function cachedSnapshot(key: string, migrated: boolean): Promise<Blob> {
  const dir = path.join(tmpdir(), "complaint-desk-tests");
  const file = path.join(dir, `${key}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    // not cached yet
  }
  const db = migrated
    ? await openMigratedDatabase({ dataDir: IN_MEMORY })
    : await openDatabase({ dataDir: IN_MEMORY });
  try {
    if (!db.pglite) throw new Error("expected an embedded database");
    const blob = await db.pglite.dumpDataDir("none");
    await mkdir(dir, { recursive: true });
    // Workers may race to write it: write aside, then rename (atomic).
    const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    await writeFile(partial, new Uint8Array(await blob.arrayBuffer()));
    await rename(partial, file);
    return blob;
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------

let hash: Promise<string> | undefined;
/** Changes whenever a migration (or the lockfile) changes, so templates never go stale. */
export function migrationsHash(migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<string> {
  if (migrationsDir !== DEFAULT_MIGRATIONS_DIR) return hashDir(migrationsDir);
  hash ??= hashDir(migrationsDir);
  return hash;
}

async function hashDir(migrationsDir: string): Promise<string> {
  const h = createHash("sha256");
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      h.update(path.relative(migrationsDir, full)).update("\0");
      if (entry.isDirectory()) await walk(full);
      else h.update(await readFile(full)).update("\0");
    }
  };
  await walk(migrationsDir);
  return h.digest("hex").slice(0, 16);
}
