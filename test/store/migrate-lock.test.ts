// The migration lock, PostgreSQL only (PGlite is one process by construction,
// see database.test.ts for its directory lock).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { MIGRATION_LOCK_KEY, migrate } from "../../src/store/migrate/runner.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";

describe("migrating PostgreSQL concurrently", () => {
  let fresh: TestDatabase;
  const others: Database[] = [];

  beforeEach(async () => {
    fresh = await createTestDatabase("postgres", { migrated: false });
  });
  afterEach(async () => {
    await Promise.all(others.splice(0).map((db) => db.close()));
    await fresh.close();
  });

  /** Another process's view of the same database: its own pool and connections. */
  async function anotherProcess(): Promise<Database> {
    const db = await openDatabase({ url: fresh.url!, dataDir: "unused" });
    others.push(db);
    return db;
  }

  it("applies each migration exactly once when several processes start together", async () => {
    const starters = [
      fresh,
      await anotherProcess(),
      await anotherProcess(),
      await anotherProcess(),
    ];

    const results = await Promise.all(starters.map((db) => migrate(db)));

    const applied = results.flat();
    expect(new Set(applied).size).toBe(applied.length);
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    const rows = await fresh.prisma.$queryRaw<{ migration_name: string; n: bigint }[]>`
      SELECT migration_name, count(*) AS n FROM _prisma_migrations GROUP BY 1`;
    expect(rows.map((r) => r.migration_name).sort()).toEqual([...applied].sort());
    expect(rows.every((r) => r.n === 1n)).toBe(true);
  });

  it("does the same across real processes (npm run migrate, twice at once)", async () => {
    const cli = fileURLToPath(new URL("../../src/store/migrate/cli.ts", import.meta.url));
    const deploy = () =>
      promisify(execFile)(process.execPath, ["--import", "tsx", cli, "deploy"], {
        env: { ...process.env, DATABASE_URL: fresh.url! },
      });

    const outputs = (await Promise.all([deploy(), deploy()])).map((r) => r.stdout.trim());

    expect(outputs.filter((o) => o.includes(": applied "))).toHaveLength(1);
    expect(outputs.filter((o) => o.endsWith(": up to date"))).toHaveLength(1);
    expect(await migrate(fresh)).toEqual([]);
    const rows = await fresh.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations`;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.migration_name)).size).toBe(rows.length);
  });

  it("waits for the lock, and gives up with a clear error after lockTimeoutMs", async () => {
    const holder = new pg.Client({ connectionString: fresh.url! });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);

      const started = Date.now();
      const error = await migrate(fresh, { lockTimeoutMs: 300 }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error).toMatchObject({ code: "E_MIGRATION" });
      expect((error as Error).message).toMatch(/timed out .* migration lock/);

      // Released: the same call now goes through.
      await holder.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
      expect((await migrate(fresh, { lockTimeoutMs: 300 })).length).toBeGreaterThan(0);
    } finally {
      await holder.end();
    }
  });

  it("releases the lock when it is done", async () => {
    await migrate(fresh);
    const probe = new pg.Client({ connectionString: fresh.url! });
    await probe.connect();
    try {
      const { rows } = await probe.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [
        MIGRATION_LOCK_KEY,
      ]);
      expect(rows[0]?.ok).toBe(true);
    } finally {
      await probe.end();
    }
  });
});
