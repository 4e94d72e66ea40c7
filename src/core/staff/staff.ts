import type { Role } from "./role.ts";

export interface Staff {
  id: string;
  name: string;
  email: string | null;
  role: Role;
  departmentId: string | null;
  managerId: string | null;
  locale: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface Department {
  id: string;
  name: string;
  channel: string | null;
  managerId: string | null;
}

export const staffIdPattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Chat platforms a staff member can be reached on. */
export const platforms = ["slack", "discord"] as const;
export type Platform = (typeof platforms)[number];
