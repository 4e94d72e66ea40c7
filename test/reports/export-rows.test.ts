import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countExportRows, exportBatches } from "../../src/store/export-rows.ts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db.ts";

describe.each(databaseKinds)("export batches on %s", (kind) => {
  let db: TestDatabase;
  const same = new Date("2026-10-05T02:00:00Z");
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await db.prisma.complaint.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        number: `TS-2610-${String(i + 1).padStart(4, "0")}`,
        status: "registered",
        channel: i % 2 ? "web" : "hotline",
        complainantName: `客户${i}`,
        contact: `1380013800${i}`,
        content: "x",
        // Five share one instant: the keyset must still visit each exactly once.
        receivedAt: i < 5 ? same : new Date(same.getTime() + i * 1000),
        ownerId: "amy",
        createdById: "amy",
      })),
    });
  });
  afterAll(async () => db?.close());

  it("visits every row once, in order, across batches that split equal timestamps", async () => {
    const sizes: number[] = [];
    const numbers: string[] = [];
    for await (const batch of exportBatches(db.prisma, {}, 2)) {
      sizes.push(batch.length);
      numbers.push(...batch.map((r) => r.number));
    }
    expect(sizes).toEqual([2, 2, 2, 1]);
    expect(new Set(numbers).size).toBe(7);
    expect(numbers.slice(5)).toEqual(["TS-2610-0006", "TS-2610-0007"]);
    expect(await countExportRows(db.prisma, {})).toBe(7);
  });

  it("applies the filter to the count and the rows alike", async () => {
    const filter = { channel: "web", to: new Date(same.getTime() + 1) };
    const rows = [];
    for await (const batch of exportBatches(db.prisma, filter, 2)) rows.push(...batch);
    expect(rows.map((r) => r.number).sort()).toEqual(["TS-2610-0002", "TS-2610-0004"]);
    expect(await countExportRows(db.prisma, filter)).toBe(2);
  });
});
