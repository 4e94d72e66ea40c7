import type { Role } from "../core/staff/role.ts";
import type { Platform } from "../core/staff/staff.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

/**
 * What chat adapters need from the database beyond the engine and the card
 * store (chat-messages.ts): directory look-ups for autocomplete, staff created
 * from a configured platform role, and keys that expire (double clicks).
 */

export interface ComplaintSuggestion {
  number: string;
  status: string;
  excerpt: string;
}

export interface StaffSuggestion {
  id: string;
  name: string;
  role: string;
}

export interface ProvisionStaffInput {
  platform: Platform;
  externalId: string;
  /** Staff ids to try in order; the first one not taken is used. */
  candidateIds: readonly string[];
  name: string;
  role: Exclude<Role, "admin">;
  departmentId: string | null;
  /** Why the record is created, for the audit trail (e.g. "discord role 123"). */
  via: string;
}

export type ProvisionResult =
  { staffId: string; created: boolean } | { refused: "inactive" | "no-free-id" };

export interface ChatStore {
  /**
   * True the first time `key` is claimed; false while an earlier claim is
   * younger than `windowMs` (no window: claims never expire).
   */
  claimInboundKey(key: string, windowMs?: number): Promise<boolean>;
  /** Newest complaints whose number contains `query` (case-insensitive). */
  suggestComplaints(query: string, limit: number): Promise<ComplaintSuggestion[]>;
  /** Active staff whose id or name contains `query`. */
  suggestStaff(query: string, limit: number): Promise<StaffSuggestion[]>;
  /** Creates (or finds) the staff member behind a platform account, audited. */
  provisionStaff(input: ProvisionStaffInput): Promise<ProvisionResult>;
  /**
   * Keeps what a half-filled form carries (a Discord modal's custom_id holds
   * only 100 characters) until it is submitted; kept in inbound_key.result.
   */
  stashForm(key: string, data: Record<string, unknown>): Promise<void>;
  /** The stashed form, once, if it is younger than `maxAgeMs`. */
  takeForm(key: string, maxAgeMs: number): Promise<Record<string, unknown> | null>;
}

const excerpt = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

export function chatStore(prisma: PrismaClient): ChatStore {
  const linkedStaff = (platform: Platform, externalId: string) =>
    prisma.staffIdentity.findUnique({
      where: { platform_externalId: { platform, externalId } },
      include: { staff: { select: { active: true } } },
    });

  return {
    async claimInboundKey(key, windowMs) {
      // One statement, so two clicks racing each other cannot both win.
      const rows =
        windowMs === undefined
          ? await prisma.$queryRaw<{ key: string }[]>`
              INSERT INTO inbound_key (key) VALUES (${key})
              ON CONFLICT (key) DO NOTHING RETURNING key`
          : await prisma.$queryRaw<{ key: string }[]>`
              INSERT INTO inbound_key (key) VALUES (${key})
              ON CONFLICT (key) DO UPDATE SET created_at = now(), result = NULL
              WHERE inbound_key.created_at < now() - make_interval(secs => ${windowMs / 1000}::float8)
              RETURNING key`;
      return rows.length > 0;
    },

    async stashForm(key, data) {
      await prisma.inboundKey.create({ data: { key, result: data as Prisma.InputJsonObject } });
    },

    async takeForm(key, maxAgeMs) {
      const rows = await prisma.$queryRaw<{ result: unknown }[]>`
        DELETE FROM inbound_key WHERE key = ${key}
        AND created_at > now() - make_interval(secs => ${maxAgeMs / 1000}::float8)
        RETURNING result`;
      const result = rows[0]?.result;
      return result !== null && typeof result === "object" && !Array.isArray(result)
        ? (result as Record<string, unknown>)
        : null;
    },

    async suggestComplaints(query, limit) {
      const rows = await prisma.complaint.findMany({
        where: query ? { number: { contains: query.trim(), mode: "insensitive" } } : {},
        orderBy: { createdAt: "desc" },
        take: limit,
        select: { number: true, status: true, content: true },
      });
      return rows.map((r) => ({
        number: r.number,
        status: r.status,
        excerpt: excerpt(r.content, 60),
      }));
    },

    async suggestStaff(query, limit) {
      const q = query.trim();
      const rows = await prisma.staff.findMany({
        where: {
          active: true,
          ...(q
            ? {
                OR: [
                  { id: { contains: q, mode: "insensitive" } },
                  { name: { contains: q, mode: "insensitive" } },
                ],
              }
            : {}),
        },
        orderBy: { id: "asc" },
        take: limit,
        select: { id: true, name: true, role: true },
      });
      return rows;
    },

    async provisionStaff(input) {
      const known = async (): Promise<ProvisionResult | null> => {
        const linked = await linkedStaff(input.platform, input.externalId);
        if (!linked) return null;
        return linked.staff.active
          ? { staffId: linked.staffId, created: false }
          : { refused: "inactive" };
      };
      const existing = await known();
      if (existing) return existing;
      try {
        return await prisma.$transaction(async (tx) => {
          let id: string | undefined;
          for (const candidate of input.candidateIds) {
            if (!(await tx.staff.findUnique({ where: { id: candidate }, select: { id: true } }))) {
              id = candidate;
              break;
            }
          }
          if (!id) return { refused: "no-free-id" } as const;
          if (input.departmentId) {
            await tx.department.upsert({
              where: { id: input.departmentId },
              create: {
                id: input.departmentId,
                name: input.departmentId,
                channel: input.departmentId,
              },
              update: {},
            });
          }
          await tx.staff.create({
            data: { id, name: input.name, role: input.role, departmentId: input.departmentId },
          });
          await tx.staffIdentity.create({
            data: { staffId: id, platform: input.platform, externalId: input.externalId },
          });
          await tx.auditEvent.create({
            data: {
              subject: `staff:${id}`,
              actorId: "system",
              action: "staff.added",
              data: {
                role: input.role,
                department: input.departmentId,
                platform: input.platform,
                user: input.externalId,
                via: input.via,
              },
            },
          });
          return { staffId: id, created: true };
        });
      } catch (error) {
        // Two first interactions of the same person at once: the loser's insert
        // of the identity fails, and the winner's record is the answer.
        const raced = await known();
        if (raced) return raced;
        throw error;
      }
    },
  };
}
