/** Roles in ascending authority; admin may do everything. */
export const roles = ["agent", "handler", "dept-manager", "vp", "gm", "admin"] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = {
  agent: 1,
  handler: 2,
  "dept-manager": 3,
  vp: 4,
  gm: 5,
  admin: 6,
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum];
}

/** Managers (and above) see every case and its full contact details. */
export function isManagerRole(role: Role): boolean {
  return roleAtLeast(role, "dept-manager");
}

/** Complaints go to handlers and managers; agents register, admins administer. */
export function mayBeAssigned(staff: { role: Role }): boolean {
  return roleAtLeast(staff.role, "handler") && staff.role !== "admin";
}
