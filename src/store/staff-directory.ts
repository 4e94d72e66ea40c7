import type { Platform } from "../core/staff/staff.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";

/** The staff member a chat account is linked to: who acts, whether they may, in which language. */
export interface LinkedStaff {
  id: string;
  active: boolean;
  locale: string | null;
}

/** A staff member as chat adapters need them: how to address them and in which language. */
export interface StaffProfile {
  id: string;
  name: string;
  locale: string | null;
  active: boolean;
  identities: { platform: string; externalId: string }[];
}

/**
 * Directory look-ups chat adapters make on every request, one statement each
 * and outside any transaction: they only read, and under READ COMMITTED a
 * transaction around one statement would see the same rows, for a BEGIN and
 * a COMMIT more.
 */
export interface StaffDirectory {
  /** The staff member behind a chat account; null: the account is not linked. */
  linked(platform: Platform, externalId: string): Promise<LinkedStaff | null>;
  profile(id: string): Promise<StaffProfile | null>;
}

interface ProfileRow {
  id: string;
  name: string;
  locale: string | null;
  active: boolean;
  platform: string | null;
  external_id: string | null;
}

export function staffDirectory(prisma: PrismaClient): StaffDirectory {
  return {
    linked(platform, externalId) {
      // A semi-join on the identity's primary key: one query, where
      // `include: { staff }` would be two.
      return prisma.staff.findFirst({
        where: { identities: { some: { platform, externalId } } },
        select: { id: true, active: true, locale: true },
      });
    },
    async profile(id) {
      // The person and their identities in one query (Prisma's include would be two).
      const rows = await prisma.$queryRaw<ProfileRow[]>`
        SELECT s.id, s.name, s.locale, s.active, i.platform, i.external_id
        FROM staff s LEFT JOIN staff_identity i ON i.staff_id = s.id
        WHERE s.id = ${id}
        ORDER BY i.platform`;
      const first = rows[0];
      if (!first) return null;
      const identities = rows.flatMap((r) =>
        r.platform !== null && r.external_id !== null
          ? [{ platform: r.platform, externalId: r.external_id }]
          : [],
      );
      return {
        id: first.id,
        name: first.name,
        locale: first.locale,
        active: first.active,
        identities,
      };
    },
  };
}
