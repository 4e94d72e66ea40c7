import type { Policy, ApproverRole } from "../policy/schema.ts";
import type { Repositories } from "../ports.ts";
import { roleAtLeast } from "../staff/role.ts";
import type { Staff } from "../staff/staff.ts";

/** Cents, so comparisons of money are exact. */
export const toCents = (yuan: string): number => Math.round(Number(yuan) * 100);

/** Seed 002: who approves an amount (≤ 100,000 dept manager; ≤ 150,000 VP; above, GM). */
export function approverRoleFor(policy: Policy, amountCents: number): ApproverRole {
  for (const tier of policy.compensation.tiers) {
    if (tier.upTo === undefined || amountCents <= Math.round(tier.upTo * 100)) return tier.approver;
  }
  const last = policy.compensation.tiers.at(-1);
  return last?.approver ?? "gm";
}

/**
 * The person who approves: for the department-manager tier the case's
 * department manager; otherwise the nearest manager up the requester's line
 * with enough rank; failing that, anyone active with that role. Never the
 * requester.
 */
export async function findApprover(
  repos: Repositories,
  role: ApproverRole,
  requester: Staff,
  departmentId: string | null,
): Promise<Staff | null> {
  const eligible = (s: Staff): boolean =>
    s.active && s.id !== requester.id && roleAtLeast(s.role, role) && s.role !== "admin";
  if (role === "dept-manager" && departmentId) {
    const dept = await repos.departments.find(departmentId);
    const manager = dept?.managerId ? await repos.staff.find(dept.managerId) : null;
    if (manager && eligible(manager)) return manager;
  }
  const seen = new Set<string>([requester.id]);
  let next = requester.managerId;
  while (next && !seen.has(next)) {
    seen.add(next);
    const s = await repos.staff.find(next);
    if (!s) break;
    if (eligible(s)) return s;
    next = s.managerId;
  }
  const candidates = (await repos.staff.list({ role })).filter(eligible);
  return candidates[0] ?? null;
}
