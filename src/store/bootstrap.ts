import type { PrismaClient } from "../generated/prisma/client.ts";

/**
 * ADMINS names the staff ids that must exist as admins on first start. An
 * existing staff member is left alone: an env var must not silently change
 * somebody's role.
 */
export async function ensureAdmins(
  prisma: PrismaClient,
  ids: readonly string[],
): Promise<string[]> {
  const created: string[] = [];
  for (const id of ids) {
    await prisma.$transaction(async (tx) => {
      // ON CONFLICT DO NOTHING: two processes starting at once both succeed.
      const { count } = await tx.staff.createMany({
        data: [{ id, name: id, role: "admin" }],
        skipDuplicates: true,
      });
      if (count === 0) return;
      await tx.auditEvent.create({
        data: {
          subject: `staff:${id}`,
          actorId: "system",
          action: "staff.added",
          data: { role: "admin", via: "ADMINS" },
        },
      });
      created.push(id);
    });
  }
  return created;
}

/**
 * On an empty staff directory with no ADMINS, a first admin called "admin"
 * lets a new user try every command at once. Returns true if it was created.
 */
export async function ensureFirstAdmin(prisma: PrismaClient): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    if ((await tx.staff.count()) > 0) return false;
    const { count } = await tx.staff.createMany({
      data: [{ id: "admin", name: "Administrator", role: "admin" }],
      skipDuplicates: true,
    });
    if (count > 0) {
      await tx.auditEvent.create({
        data: {
          subject: "staff:admin",
          actorId: "system",
          action: "staff.added",
          data: { role: "admin", via: "first start" },
        },
      });
    }
    return count > 0;
  });
}

/** The staff id scheduled reports run as. */
export const SYSTEM_ACTOR = "system";

/** The account the scheduler acts as; an admin nobody logs in as. */
export async function ensureSystemActor(prisma: PrismaClient): Promise<void> {
  await prisma.staff.createMany({
    data: [{ id: SYSTEM_ACTOR, name: "complaint-desk scheduler", role: "admin" }],
    skipDuplicates: true,
  });
}
