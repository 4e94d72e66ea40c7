import type { Complaint } from "../../core/complaint/complaint.ts";
import { isFault, isSeverity, isStatus } from "../../core/complaint/status.ts";
import { isRole } from "../../core/staff/role.ts";
import type { Department, Staff } from "../../core/staff/staff.ts";
import type {
  Complaint as ComplaintRow,
  Department as DepartmentRow,
  Staff as StaffRow,
} from "../../generated/prisma/client.ts";

/** Rows are checked on the way in: a bad value in the database is a bug, not a state. */
export function toComplaint(row: ComplaintRow): Complaint {
  if (!isStatus(row.status))
    throw new Error(`complaint ${row.number} has unknown status ${row.status}`);
  if (!isSeverity(row.severity))
    throw new Error(`complaint ${row.number} has unknown severity ${row.severity}`);
  if (row.fault !== null && !isFault(row.fault))
    throw new Error(`complaint ${row.number} has unknown fault ${row.fault}`);
  const waitingOn =
    row.waitingOn === "customer" || row.waitingOn === "third-party" ? row.waitingOn : null;
  return { ...row, status: row.status, severity: row.severity, fault: row.fault, waitingOn };
}

export function toStaff(row: StaffRow): Staff {
  if (!isRole(row.role)) throw new Error(`staff ${row.id} has unknown role ${row.role}`);
  return { ...row, role: row.role };
}

export function toDepartment(row: DepartmentRow): Department {
  return { id: row.id, name: row.name, channel: row.channel, managerId: row.managerId };
}
