import { forbidden } from "../errors.ts";
import { isManagerRole, roleAtLeast } from "../staff/role.ts";
import type { Staff } from "../staff/staff.ts";
import type { Complaint } from "./complaint.ts";

/** The case's people: its first-contact owner and its assignee. */
export function isCaseParty(actor: Staff, c: Complaint): boolean {
  return c.ownerId === actor.id || c.assigneeId === actor.id;
}

/** Full contact details are for the case's people and managers. */
export function maySeeContact(actor: Staff, c: Complaint): boolean {
  return isCaseParty(actor, c) || isManagerRole(actor.role);
}

export function requireCaseParty(actor: Staff, c: Complaint, doing: string): void {
  if (isCaseParty(actor, c) || roleAtLeast(actor.role, "dept-manager")) return;
  throw forbidden(
    `only ${c.number}'s owner (${c.ownerId})${c.assigneeId ? `, its assignee (${c.assigneeId})` : ""} ` +
      `or a manager may ${doing}`,
  );
}
