// The complaints an export selects, read in keyset-paginated batches: each
// batch is one short query, so a million-row export holds neither a
// transaction, nor a connection between batches, nor more than one batch
// in memory. Works the same on PostgreSQL and PGlite.
import type { ExportFilter, ExportRecord } from "../core/reports/export.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";

export const EXPORT_BATCH_SIZE = 2000;

function where(filter: ExportFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.from) parts.push(Prisma.sql`c.received_at >= ${filter.from}`);
  if (filter.to) parts.push(Prisma.sql`c.received_at < ${filter.to}`);
  if (filter.departmentId) parts.push(Prisma.sql`c.department_id = ${filter.departmentId}`);
  if (filter.channel) parts.push(Prisma.sql`c.channel = ${filter.channel}`);
  if (filter.status) parts.push(Prisma.sql`c.status = ${filter.status}`);
  if (filter.severity) parts.push(Prisma.sql`c.severity = ${filter.severity}`);
  if (filter.category) parts.push(Prisma.sql`c.category = ${filter.category}`);
  return Prisma.join(parts, " AND ");
}

export async function countExportRows(prisma: PrismaClient, filter: ExportFilter): Promise<number> {
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM complaint c WHERE ${where(filter)}`;
  return row?.n ?? 0;
}

interface Row extends ExportRecord {
  id: string;
}

/** Batches in (received_at, id) order, the order the file has. */
export async function* exportBatches(
  prisma: PrismaClient,
  filter: ExportFilter,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<ExportRecord[]> {
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const keyset: Prisma.Sql = after
      ? Prisma.sql`AND (c.received_at, c.id) > (${after.at}, ${after.id}::uuid)`
      : Prisma.empty;
    const rows: Row[] = await prisma.$queryRaw<Row[]>`
      SELECT c.id::text AS id, c.number, c.status, c.channel,
        c.received_at AS "receivedAt", c.complainant_name AS complainant, c.contact, c.content,
        c.category, c.severity, c.department_id AS "departmentId", c.owner_id AS "ownerId",
        c.assignee_id AS "assigneeId", r.number AS "repeatOf", (c.major_at IS NOT NULL) AS major,
        c.resolution, c.resolved_at AS "resolvedAt", c.callback_at AS "callbackAt",
        c.callback_satisfied AS "callbackSatisfied", c.closed_at AS "closedAt",
        c.handling_seconds AS "handlingSeconds", c.delay_reason AS "delayReason"
      FROM complaint c LEFT JOIN complaint r ON r.id = c.repeat_of_id
      WHERE ${where(filter)} ${keyset}
      ORDER BY c.received_at, c.id
      LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    const last = rows[rows.length - 1];
    if (last) after = { at: last.receivedAt, id: last.id };
    yield rows.map(({ id: _id, ...record }) => record);
    if (rows.length < batchSize) return;
  }
}
