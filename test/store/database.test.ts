import { mkdtemp, rm, writeFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../src/generated/prisma/client.ts";
import { isConnectionError, openDatabase, openMigratedDatabase } from "../../src/store/database.ts";
import { StoreError } from "../../src/store/errors.ts";
import { createTestDatabase, databaseUrl } from "../helpers/db.ts";

describe("opening PostgreSQL", () => {
  it("fails fast with E_DATABASE_UNAVAILABLE and no password when nothing listens", async () => {
    const started = Date.now();
    const error = await openDatabase({
      url: "postgresql://root:s3cret@127.0.0.1:1/complaints",
      dataDir: "unused",
    }).catch((e: unknown) => e);

    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: "E_DATABASE_UNAVAILABLE" });
    const message = (error as Error).message;
    expect(message).toContain("cannot reach PostgreSQL at root@127.0.0.1:1/complaints");
    expect(message).toContain("ECONNREFUSED");
    expect(message).toMatch(/Is it running/);
    expect(message).not.toContain("s3cret");
    expect(isConnectionError(error)).toBe(true);
  });

  it("gives up after connectTimeoutMs on a host that never answers", async () => {
    // 10.255.255.1: non-routable, the SYN goes unanswered (or is rejected at once offline).
    const started = Date.now();
    const error = await openDatabase({
      url: "postgresql://root@10.255.255.1:5432/x",
      dataDir: "unused",
      connectTimeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toMatchObject({ code: "E_DATABASE_UNAVAILABLE" });
  });

  it("reports a database that does not exist", async () => {
    const error = await openDatabase({
      url: databaseUrl("cd_no_such_database"),
      dataDir: "unused",
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "E_DATABASE_UNAVAILABLE" });
    expect((error as Error).message).toMatch(/database "cd_no_such_database" does not exist/);
  });

  it("opens, migrates automatically and closes", async () => {
    const fresh = await createTestDatabase("postgres", { migrated: false });
    try {
      const db = await openMigratedDatabase({ url: fresh.url!, dataDir: "unused" });
      expect(db.kind).toBe("postgres");
      expect(await db.prisma.complaint.count()).toBe(0);
      await db.close();
      await db.close(); // idempotent
    } finally {
      await fresh.close();
    }
  });
});

describe("opening embedded PGlite", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "cd-pglite-"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  // One directory for the whole sequence: creating a PGlite directory runs initdb (seconds).
  it("creates missing parents, migrates, locks the directory, and reopens", async () => {
    const dataDir = path.join(root, "nested", "data");
    const db = await openMigratedDatabase({ dataDir });
    expect(db.kind).toBe("pglite");
    expect(db.location).toBe(path.join(dataDir, "pglite"));
    await db.prisma.department.create({ data: { id: "d1", name: "Billing" } });

    const second = await openDatabase({ dataDir }).catch((e: unknown) => e);
    expect(second).toMatchObject({ code: "E_DATABASE_LOCKED" });
    expect((second as Error).message).toMatch(/already open in this process/);

    await db.close();
    expect(await readdir(dataDir)).not.toContain("pglite.lock");

    // A lock left by a process that died is taken over.
    await writeFile(
      path.join(dataDir, "pglite.lock"),
      JSON.stringify({ pid: 2 ** 22 + 1, host: (await import("node:os")).hostname() }),
    );
    const reopened = await openMigratedDatabase({ dataDir });
    try {
      expect(await reopened.prisma.department.count()).toBe(1);
    } finally {
      await reopened.close();
    }
  });
});

describe("isConnectionError", () => {
  it("recognises Prisma failing to reach the server", async () => {
    const prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: "postgresql://root@127.0.0.1:1/x" }),
    });
    try {
      const error = await prisma.staff.findMany().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(isConnectionError(error)).toBe(true);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("recognises a connection killed mid-transaction (PostgreSQL restarting)", async () => {
    const db = await createTestDatabase("postgres");
    try {
      const error = await db.prisma
        .$transaction(async (tx) => {
          await tx.staff.findMany();
          await tx.$executeRawUnsafe("SELECT pg_terminate_backend(pg_backend_pid())");
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(isConnectionError(error)).toBe(true);
      // The pool replaces the dead connection.
      expect(await db.prisma.staff.count()).toBe(0);
    } finally {
      await db.close();
    }
  });

  it("does not mistake ordinary failures for connection errors", async () => {
    const db = await createTestDatabase("postgres");
    try {
      await db.prisma.department.create({ data: { id: "d1", name: "Billing" } });
      const duplicate = await db.prisma.department
        .create({ data: { id: "d1", name: "Again" } })
        .catch((e: unknown) => e);
      expect(duplicate).toBeInstanceOf(Error);
      expect(isConnectionError(duplicate)).toBe(false);
      const badSql = await db.prisma.$queryRawUnsafe("SELECT nope").catch((e: unknown) => e);
      expect(isConnectionError(badSql)).toBe(false);
      expect(isConnectionError(new Error("boom"))).toBe(false);
      expect(isConnectionError(undefined)).toBe(false);
    } finally {
      await db.close();
    }
  });
});
