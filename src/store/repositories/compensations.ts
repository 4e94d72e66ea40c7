import type { CompensationRecord } from "../../core/compensation/compensation.ts";
import type { CompensationRepository } from "../../core/ports.ts";
import { APPROVER_ROLES, type ApproverRole } from "../../core/policy/schema.ts";
import type { Compensation, Prisma } from "../../generated/prisma/client.ts";

function toRecord(row: Compensation): CompensationRecord {
  const role = APPROVER_ROLES.find((r): r is ApproverRole => r === row.approverRole);
  if (!role)
    throw new Error(`compensation ${row.id} has unknown approver role ${row.approverRole}`);
  const status = row.status === "approved" || row.status === "rejected" ? row.status : "pending";
  return {
    ...row,
    amount: row.amount.toFixed(2),
    loss: row.loss.toFixed(2),
    approverRole: role,
    status,
  };
}

export function compensationRepository(tx: Prisma.TransactionClient): CompensationRepository {
  return {
    async insert(record) {
      return toRecord(await tx.compensation.create({ data: record }));
    },
    async find(id) {
      const row = await tx.compensation.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async decide(id, decision) {
      // Only a pending request changes: a second click finds nothing to update.
      const { count } = await tx.compensation.updateMany({
        where: { id, status: "pending" },
        data: {
          status: decision.status,
          decidedById: decision.decidedById,
          decidedAt: decision.decidedAt,
          decisionNote: decision.note,
        },
      });
      if (count === 0) return null;
      const row = await tx.compensation.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async forComplaint(complaintId) {
      const rows = await tx.compensation.findMany({
        where: { complaintId },
        orderBy: { createdAt: "asc" },
      });
      return rows.map(toRecord);
    },
    async pendingFor(approverId) {
      const rows = await tx.compensation.findMany({
        where: { approverId, status: "pending" },
        orderBy: { createdAt: "asc" },
      });
      return rows.map(toRecord);
    },
  };
}
