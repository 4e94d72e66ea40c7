import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db.ts";

describe.each(databaseKinds)("audit_event on %s", (kind) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(kind);
  });
  afterEach(() => db.close());

  async function record() {
    return db.prisma.auditEvent.create({
      data: { subject: "complaint:1", actorId: "u1", action: "open", data: { via: "test" } },
    });
  }

  it("accepts new events", async () => {
    await record();
    await record();
    expect(await db.prisma.auditEvent.count()).toBe(2);
  });

  it("refuses UPDATE", async () => {
    const event = await record();
    await expect(
      db.prisma.auditEvent.update({ where: { id: event.id }, data: { action: "forged" } }),
    ).rejects.toThrow(/audit_event is append-only: UPDATE is not allowed/);
    expect((await db.prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe(
      "open",
    );
  });

  it("refuses DELETE, even of nothing", async () => {
    const event = await record();
    await expect(db.prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(
      /append-only: DELETE is not allowed/,
    );
    await expect(db.prisma.auditEvent.deleteMany({ where: { actorId: "nobody" } })).rejects.toThrow(
      /append-only/,
    );
    expect(await db.prisma.auditEvent.count()).toBe(1);
  });

  it("refuses TRUNCATE", async () => {
    await record();
    await expect(db.prisma.$executeRawUnsafe('TRUNCATE "audit_event"')).rejects.toThrow(
      /append-only: TRUNCATE is not allowed/,
    );
    expect(await db.prisma.auditEvent.count()).toBe(1);
  });

  it("refuses changes inside a transaction too, rolling the transaction back", async () => {
    const event = await record();
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.department.create({ data: { id: "d1", name: "Billing" } });
        await tx.auditEvent.update({ where: { id: event.id }, data: { action: "forged" } });
      }),
    ).rejects.toThrow(/append-only/);
    expect(await db.prisma.department.count()).toBe(0);
  });
});
