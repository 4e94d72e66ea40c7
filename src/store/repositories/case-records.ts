import type { DeadlineRecord } from "../../core/deadlines/deadline.ts";
import type {
  ContactAttemptRepository,
  DeadlineRepository,
  ResponsibilityRepository,
} from "../../core/ports.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

export function contactAttemptRepository(tx: Prisma.TransactionClient): ContactAttemptRepository {
  return {
    async add(complaintId, attempt) {
      await tx.contactAttempt.create({ data: { complaintId, ...attempt } });
    },
    async list(complaintId) {
      const rows = await tx.contactAttempt.findMany({
        where: { complaintId },
        orderBy: { id: "asc" },
      });
      return rows.map((r) => ({ actorId: r.actorId, reached: r.reached, note: r.note, at: r.at }));
    },
  };
}

const deadlineColumns = (d: DeadlineRecord) => ({
  clock: d.clock,
  startedAt: d.startedAt,
  dueAt: d.dueAt,
  metAt: d.metAt,
  pausedAt: d.pausedAt,
  remainingMs: d.remainingMs === null ? null : BigInt(Math.round(d.remainingMs)),
  version: d.version,
});

export function deadlineRepository(tx: Prisma.TransactionClient): DeadlineRepository {
  return {
    async insert(complaintId, deadlines) {
      if (deadlines.length === 0) return;
      await tx.complaintDeadline.createMany({
        data: deadlines.map((d) => ({ complaintId, kind: d.kind, ...deadlineColumns(d) })),
      });
    },
    async put(complaintId, deadlines) {
      for (const d of deadlines) {
        const data = deadlineColumns(d);
        await tx.complaintDeadline.upsert({
          where: { complaintId_kind: { complaintId, kind: d.kind } },
          create: { complaintId, kind: d.kind, ...data },
          update: data,
        });
      }
    },
    async list(complaintId) {
      const rows = await tx.complaintDeadline.findMany({ where: { complaintId } });
      const order = ["first_reply", "result", "close"];
      return rows
        .map((r): DeadlineRecord => ({
          kind: r.kind,
          clock: r.clock === "working" ? "working" : "calendar",
          startedAt: r.startedAt,
          dueAt: r.dueAt,
          metAt: r.metAt,
          pausedAt: r.pausedAt,
          remainingMs: r.remainingMs === null ? null : Number(r.remainingMs),
          version: r.version,
        }))
        .sort((a, b) => rank(order, a.kind) - rank(order, b.kind) || a.kind.localeCompare(b.kind));
    },
  };
}

const rank = (order: string[], kind: string) => {
  const i = order.indexOf(kind);
  return i === -1 ? order.length : i;
};

export function responsibilityRepository(tx: Prisma.TransactionClient): ResponsibilityRepository {
  return {
    async put(complaintId, shares) {
      await tx.responsibility.createMany({ data: shares.map((s) => ({ complaintId, ...s })) });
    },
    async list(complaintId) {
      const rows = await tx.responsibility.findMany({
        where: { complaintId },
        orderBy: [{ share: "desc" }, { departmentId: "asc" }],
      });
      return rows.map((r) => ({
        departmentId: r.departmentId,
        share: r.share,
        personId: r.personId,
      }));
    },
  };
}
