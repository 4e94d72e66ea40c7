import type { Role } from "./role.ts";
import type { Staff } from "./staff.ts";

export interface StaffView {
  id: string;
  name: string;
  email: string | null;
  role: Role;
  department: string | null;
  manager: string | null;
  locale: string | null;
  active: boolean;
}

export function staffView(s: Staff): StaffView {
  return {
    id: s.id,
    name: s.name,
    email: s.email,
    role: s.role,
    department: s.departmentId,
    manager: s.managerId,
    locale: s.locale,
    active: s.active,
  };
}
