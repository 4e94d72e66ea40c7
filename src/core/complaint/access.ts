import { forbidden } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { isManagerRole, roleAtLeast } from "../staff/role.ts";
import type { Staff } from "../staff/staff.ts";
import type { Complaint } from "./complaint.ts";

/** What a case's people (or a manager) do to it; named in the refusal. */
export type CaseAction =
  | "assign"
  | "callback"
  | "close"
  | "compensate"
  | "contact"
  | "escalate"
  | "handover"
  | "note"
  | "resolve"
  | "resume"
  | "stage"
  | "triage"
  | "wait";

/** The case's people: its first-contact owner and its assignee. */
export function isCaseParty(actor: Staff, c: Complaint): boolean {
  return c.ownerId === actor.id || c.assigneeId === actor.id;
}

/** Full contact details are for the case's people and managers. */
export function maySeeContact(actor: Staff, c: Complaint): boolean {
  return isCaseParty(actor, c) || isManagerRole(actor.role);
}

export function requireCaseParty(actor: Staff, c: Complaint, doing: CaseAction): void {
  if (isCaseParty(actor, c) || roleAtLeast(actor.role, "dept-manager")) return;
  throw forbidden(
    msg("access.caseParty", { number: c.number, owner: c.ownerId, assignee: c.assigneeId, doing }),
  );
}
