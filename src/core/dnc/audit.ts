import type { Repositories } from "../ports.ts";
import type { Staff } from "../staff/staff.ts";

/** Each change to the list is audited under the subject `dnc`. */
export async function auditDnc(
  repos: Repositories,
  actor: Staff,
  action: string,
  data: Record<string, unknown>,
) {
  await repos.audit.append({
    complaintId: null,
    subject: "dnc",
    actorId: actor.id,
    action,
    fromStatus: null,
    toStatus: null,
    version: null,
    data,
  });
}
