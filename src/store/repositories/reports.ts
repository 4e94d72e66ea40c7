import type { ReportRepository } from "../../core/ports.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { groupedFigures, monthlyFigures, trendFigures } from "./report-stats.ts";

export function reportRepository(tx: Prisma.TransactionClient): ReportRepository {
  return {
    async daily(departmentId, w) {
      const dept = departmentId === null ? {} : { departmentId };
      const [opened, closed, overdue, dueTomorrow] = await Promise.all([
        tx.complaint.count({ where: { ...dept, receivedAt: { gte: w.from, lt: w.to } } }),
        tx.complaint.count({ where: { ...dept, closedAt: { gte: w.from, lt: w.to } } }),
        tx.complaint.findMany({
          where: {
            ...dept,
            status: { not: "closed" },
            deadlines: { some: { metAt: null, dueAt: { lt: w.now } } },
          },
          select: { number: true },
          orderBy: { number: "asc" },
        }),
        tx.complaint.findMany({
          where: {
            ...dept,
            status: { not: "closed" },
            deadlines: { some: { metAt: null, dueAt: { gte: w.to, lt: w.tomorrowEnd } } },
          },
          select: { number: true },
          orderBy: { number: "asc" },
        }),
      ]);
      return {
        opened,
        closed,
        overdue: overdue.map((c) => c.number),
        dueTomorrow: dueTomorrow.map((c) => c.number),
      };
    },
    monthly: (filter, period, now) => monthlyFigures(tx, filter, period, now),
    grouped: (by, filter, period, now) => groupedFigures(tx, by, filter, period, now),
    trend: (filter, periods, now) => trendFigures(tx, filter, periods, now),
  };
}
