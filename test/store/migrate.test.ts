import { cp, mkdir, mkdtemp, readdir, rm, appendFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError } from "../../src/store/errors.ts";
import { migrate, migrationStatus } from "../../src/store/migrate/runner.ts";
import { DEFAULT_MIGRATIONS_DIR } from "../../src/store/migrate/schema-engine.ts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db.ts";

async function migrationNames(dir = DEFAULT_MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function tables(db: TestDatabase): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`;
  return rows.map((r) => r.table_name);
}

describe.each(databaseKinds)("migrations on %s", (kind) => {
  let db: TestDatabase;
  let scratch: string | undefined;

  beforeEach(async () => {
    db = await createTestDatabase(kind, { migrated: false });
  });
  afterEach(async () => {
    await db.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
    scratch = undefined;
  });

  /** A private copy of prisma/migrations the test may edit. */
  async function copyMigrations(): Promise<string> {
    scratch = await mkdtemp(path.join(tmpdir(), "cd-migrations-"));
    const dir = path.join(scratch, "migrations");
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    return dir;
  }

  it("applies every migration to an empty database, then has nothing to do", async () => {
    const expected = await migrationNames();
    expect(expected.length).toBeGreaterThan(0);

    expect(await migrate(db)).toEqual(expected);
    expect(await tables(db)).toEqual(
      expect.arrayContaining(["_prisma_migrations", "audit_event", "complaint", "staff"]),
    );

    expect(await migrate(db)).toEqual([]);
    expect(await migrationStatus(db)).toMatchObject({ pending: [], edited: [], failed: [] });
  });

  it("knows an up-to-date database from its history alone, and hands anything odd to the engine", async () => {
    await migrate(db);
    const logged: unknown[] = [];
    // The engine logs as it works; an up-to-date start never starts it.
    expect(await migrate(db, { onLog: (line) => logged.push(line) })).toEqual([]);
    expect(logged).toEqual([]);
    // A recorded checksum that differs is the engine's to diagnose (here: drift).
    await db.prisma.$executeRawUnsafe(
      "UPDATE _prisma_migrations SET checksum = 'edited' WHERE migration_name = (SELECT min(migration_name) FROM _prisma_migrations)",
    );
    const error = await migrate(db, { onLog: (line) => logged.push(line) }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "E_MIGRATION_DRIFT" });
  });

  it("reports pending migrations before they are applied", async () => {
    expect((await migrationStatus(db)).pending).toEqual(await migrationNames());
  });

  it("refuses a database on which an applied migration was edited, naming it", async () => {
    const dir = await copyMigrations();
    const [first] = await migrationNames(dir);
    await migrate(db, { migrationsDir: dir });

    await appendFile(path.join(dir, first!, "migration.sql"), "\n-- an innocent-looking edit\n");

    const error = await migrate(db, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: "E_MIGRATION_DRIFT" });
    expect((error as StoreError).message).toContain(first);
    expect((await migrationStatus(db, { migrationsDir: dir })).edited).toEqual([first]);
  });

  it("reports a failing migration and leaves nothing of it behind", async () => {
    const dir = await copyMigrations();
    await migrate(db, { migrationsDir: dir });
    const broken = "29990101000000_broken";
    await mkdir(path.join(dir, broken));
    await writeFile(
      path.join(dir, broken, "migration.sql"),
      'CREATE TABLE "half_done" ("id" INTEGER);\nSELECT 1 / 0;\n',
    );

    const error = await migrate(db, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "E_MIGRATION" });
    expect((error as Error).message).toMatch(
      new RegExp(`migration ${broken} failed: .*division by zero`),
    );
    // One implicit transaction per migration: the CREATE TABLE was rolled back.
    expect(await tables(db)).not.toContain("half_done");

    // And the next start says which migration to look at instead of retrying blindly.
    const again = await migrate(db, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: "E_MIGRATION" });
    expect((again as Error).message).toContain(broken);
  });

  it("runs plpgsql in migrations (scripts are not split on semicolons)", async () => {
    const dir = await copyMigrations();
    const name = "29990101000000_function";
    await mkdir(path.join(dir, name));
    await writeFile(
      path.join(dir, name, "migration.sql"),
      `CREATE FUNCTION "answer"() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE x integer;
BEGIN
  x := 42;
  RETURN x;
END;
$$;\n`,
    );
    expect(await migrate(db, { migrationsDir: dir })).toContain(name);
    const [row] = await db.prisma.$queryRaw<{ answer: number }[]>`SELECT "answer"() AS answer`;
    expect(row?.answer).toBe(42);
  });
});
