// A deadlock between two commands is PostgreSQL's to detect and ours to
// retry: the loser runs again on fresh rows instead of answering E_INTERNAL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode, isComplaintError } from "../../src/core/errors.ts";
import { isTransactionConflict } from "../../src/store/errors.ts";
import { prismaUnitOfWork } from "../../src/store/unit-of-work.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";

describe("transactions PostgreSQL aborts as conflicts", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    await db.prisma.department.createMany({
      data: [
        { id: "a", name: "A" },
        { id: "b", name: "B" },
      ],
    });
  });
  afterAll(async () => db?.close());

  it("runs the loser of a real deadlock again, so both commit", async () => {
    const uow = prismaUnitOfWork(db.prisma);
    let runs = 0;
    let arrived = 0;
    let release: () => void = () => {};
    const bothLocked = new Promise<void>((resolve) => (release = resolve));
    // Each locks one row, waits until the other has locked its row, then wants the other's.
    const crosswise = (first: string, second: string) =>
      uow.transaction(async (repos) => {
        runs++;
        await repos.departments.update(first, { name: `${first} by ${first}` });
        if (++arrived === 2) release();
        await Promise.race([bothLocked, new Promise((r) => setTimeout(r, 2_000))]);
        await repos.departments.update(second, { name: `${second} by ${first}` });
        return first;
      });
    const results = await Promise.allSettled([crosswise("a", "b"), crosswise("b", "a")]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(runs).toBe(3);
  });

  it("answers E_CONFLICT when the conflict persists, and recognises wrapped codes", async () => {
    const uow = prismaUnitOfWork(db.prisma, { conflictAttempts: 2 });
    let runs = 0;
    const deadlock = Object.assign(new Error("Transaction failed due to a write conflict"), {
      code: "P2034",
    });
    const outcome = await uow
      .transaction(async () => {
        runs++;
        throw deadlock;
      })
      .catch((error: unknown) => error);
    expect(runs).toBe(2);
    expect(isComplaintError(outcome) && outcome.code).toBe(ErrorCode.Conflict);
    expect(isTransactionConflict(new Error("x", { cause: { originalCode: "40P01" } }))).toBe(true);
    expect(isTransactionConflict(new Error("x", { cause: { code: "23505" } }))).toBe(false);
  });
});
