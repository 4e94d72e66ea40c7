// tsx src/store/migrate/cli.ts deploy | status | create <name>
//
//   deploy  apply pending migrations (what the app also does at start)
//   status  compare prisma/migrations with the database; exit 1 if not in sync
//   create  write prisma/migrations/<UTC timestamp>_<name>/migration.sql from
//           the difference between the migrations and prisma/schema.prisma
//
// deploy and status use DATABASE_URL when set, else the embedded PGlite in
// ${DATA_DIR:-./data}/pglite.
import { openDatabase, type Database } from "../database.ts";
import { isStoreError } from "../errors.ts";
import { migrate, migrationStatus } from "./runner.ts";
import { createMigration } from "./schema-engine.ts";

const USAGE = "usage: migrate deploy | status | create <name>";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "deploy":
      return withDatabase(async (db) => {
        const applied = await migrate(db, { onLog: debugLog });
        console.log(
          applied.length === 0
            ? `${db.location}: up to date`
            : `${db.location}: applied ${applied.join(", ")}`,
        );
        return 0;
      });
    case "status":
      return withDatabase(async (db) => {
        const s = await migrationStatus(db, { onLog: debugLog });
        const lines = [
          ...s.edited.map((n) => `edited after being applied (drift): ${n}`),
          ...s.failed.map((n) => `failed: ${n}`),
          ...s.pending.map((n) => `pending: ${n}`),
          ...s.unknown.map((n) => `applied here but not in prisma/migrations: ${n}`),
        ];
        console.log(`${db.location}: ${lines.length === 0 ? "up to date" : "not up to date"}`);
        for (const line of lines) console.log(`  ${line}`);
        return lines.length === 0 ? 0 : 1;
      });
    case "create": {
      const name = rest.join("_");
      if (!name) {
        console.error(USAGE);
        return 2;
      }
      const created = await createMigration(name, { onLog: debugLog });
      console.log(created ? `created ${created.file}` : "no schema changes: nothing to create");
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

async function withDatabase(run: (db: Database) => Promise<number>): Promise<number> {
  const db = await openDatabase({
    url: process.env["DATABASE_URL"] || undefined,
    dataDir: process.env["DATA_DIR"] || "./data",
  });
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

function debugLog(entry: { level: string; message: string }): void {
  if (process.env["DEBUG_MIGRATE"])
    console.error(`[schema-engine] ${entry.level} ${entry.message}`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(isStoreError(err) ? `${err.code}: ${err.message}` : err);
    process.exit(1);
  },
);
