import type { DepartmentRepository, NewStaff, StaffRepository } from "../../core/ports.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { toDepartment, toStaff } from "./map.ts";

export function staffRepository(tx: Prisma.TransactionClient): StaffRepository {
  return {
    async find(id) {
      const row = await tx.staff.findUnique({ where: { id } });
      return row ? toStaff(row) : null;
    },
    async insert(data: NewStaff) {
      return toStaff(await tx.staff.create({ data }));
    },
    async update(id, patch) {
      return toStaff(await tx.staff.update({ where: { id }, data: patch }));
    },
    async findByEmail(email) {
      const row = await tx.staff.findUnique({ where: { email: email.toLowerCase() } });
      return row ? toStaff(row) : null;
    },
    async findByIdentity(platform, externalId) {
      const identity = await tx.staffIdentity.findUnique({
        where: { platform_externalId: { platform, externalId } },
        include: { staff: true },
      });
      return identity ? toStaff(identity.staff) : null;
    },
    async linkIdentity(staffId, platform, externalId) {
      // ON CONFLICT DO NOTHING: two first messages from one person race here.
      const { count } = await tx.staffIdentity.createMany({
        data: [{ staffId, platform, externalId }],
        skipDuplicates: true,
      });
      return count === 1;
    },
    async identities(staffId) {
      const rows = await tx.staffIdentity.findMany({
        where: { staffId },
        orderBy: { platform: "asc" },
      });
      return rows.map((r) => ({ platform: r.platform, externalId: r.externalId }));
    },
    async list(filter) {
      const rows = await tx.staff.findMany({
        where: {
          ...(filter.departmentId ? { departmentId: filter.departmentId } : {}),
          ...(filter.role ? { role: filter.role } : {}),
        },
        orderBy: { id: "asc" },
      });
      return rows.map(toStaff);
    },
  };
}

export function departmentRepository(tx: Prisma.TransactionClient): DepartmentRepository {
  return {
    async find(id) {
      const row = await tx.department.findUnique({ where: { id } });
      return row ? toDepartment(row) : null;
    },
    async ensure(id, defaults) {
      const row = await tx.department.upsert({
        where: { id },
        create: { id, name: defaults.name, channel: defaults.channel },
        update: {},
      });
      return toDepartment(row);
    },
    async update(id, patch) {
      const row = await tx.department.upsert({
        where: { id },
        create: {
          id,
          name: patch.name ?? id,
          channel: patch.channel ?? id,
          managerId: patch.managerId ?? null,
        },
        update: patch,
      });
      return toDepartment(row);
    },
    async list() {
      return (await tx.department.findMany({ orderBy: { id: "asc" } })).map(toDepartment);
    },
    async setManager(id, managerId) {
      return toDepartment(await tx.department.update({ where: { id }, data: { managerId } }));
    },
  };
}
