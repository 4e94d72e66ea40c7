import type { ComplaintPatch, NewComplaint } from "../../core/complaint/complaint.ts";
import type { ComplaintQuery, ComplaintRepository } from "../../core/ports.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { toComplaint } from "./map.ts";

export function complaintRepository(tx: Prisma.TransactionClient): ComplaintRepository {
  return {
    async findByNumber(number) {
      const row = await tx.complaint.findUnique({ where: { number } });
      return row ? toComplaint(row) : null;
    },
    async findById(id) {
      const row = await tx.complaint.findUnique({ where: { id } });
      return row ? toComplaint(row) : null;
    },
    async insert(data: NewComplaint) {
      return toComplaint(await tx.complaint.create({ data }));
    },
    async update(id: string, expectedVersion: number, patch: ComplaintPatch) {
      // The version check and the write are one statement: no lost updates.
      const { count } = await tx.complaint.updateMany({
        where: { id, version: expectedVersion },
        data: { ...patch, version: { increment: 1 }, updatedAt: new Date() },
      });
      if (count === 0) return null;
      const row = await tx.complaint.findUnique({ where: { id } });
      return row ? toComplaint(row) : null;
    },
    async countByIssue(issueKey, since) {
      return tx.complaint.count({ where: { issueKey, receivedAt: { gte: since } } });
    },
    async list(query: ComplaintQuery) {
      const where: Prisma.ComplaintWhereInput = {};
      if (query.statuses) where.status = { in: [...query.statuses] };
      if (query.involving)
        where.OR = [{ ownerId: query.involving }, { assigneeId: query.involving }];
      if (query.assigneeId !== undefined) where.assigneeId = query.assigneeId;
      if (query.ownerId) where.ownerId = query.ownerId;
      if (query.channel) where.channel = query.channel;
      if (query.departmentId) where.departmentId = query.departmentId;
      if (query.severity) where.severity = query.severity;
      if (query.major) where.majorAt = { not: null };
      if (query.dueBetween) {
        where.deadlines = {
          some: { metAt: null, dueAt: { gte: query.dueBetween.from, lte: query.dueBetween.to } },
        };
      }
      if (query.overdueAt)
        where.deadlines = { some: { metAt: null, dueAt: { lt: query.overdueAt } } };
      const [total, rows] = await Promise.all([
        tx.complaint.count({ where }),
        tx.complaint.findMany({
          where,
          orderBy: [{ receivedAt: "asc" }, { number: "asc" }],
          take: query.limit,
          skip: query.offset,
        }),
      ]);
      return { total, items: rows.map(toComplaint) };
    },
  };
}
