import type { DncRepository } from "../../core/ports.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

export function dncRepository(tx: Prisma.TransactionClient): DncRepository {
  return {
    async find(contact) {
      return tx.dncEntry.findUnique({ where: { contact } });
    },
    async add(record) {
      await tx.dncEntry.create({ data: record });
    },
    async remove(contact) {
      const { count } = await tx.dncEntry.deleteMany({ where: { contact } });
      return count > 0;
    },
    async list(limit, offset) {
      const [total, items] = await Promise.all([
        tx.dncEntry.count(),
        tx.dncEntry.findMany({ orderBy: { addedAt: "asc" }, take: limit, skip: offset }),
      ]);
      return { total, items };
    },
  };
}
