import { forbidden, notFound, validationError } from "../errors.ts";
import type { Policy } from "../policy/schema.ts";
import type { Repositories } from "../ports.ts";
import { roleAtLeast } from "../staff/role.ts";
import type { Department, Staff } from "../staff/staff.ts";
import type { Labeler } from "./charts.ts";
import type { Labels } from "./present.ts";
import { monthOf, parseMonth, shiftMonth, type Period } from "./period.ts";

/**
 * Which department's figures the caller may see: a department manager sees
 * their own department's only (and gets it without asking); a vp, gm or
 * admin sees any, or all when none is named.
 */
export function departmentScope(actor: Staff, requested: string | undefined): string | undefined {
  if (roleAtLeast(actor.role, "vp")) return requested;
  const own = actor.departmentId;
  if (!own) {
    throw forbidden(
      `reports are per department for a ${actor.role}, and you have none; an admin sets it with complaint staff edit id:${actor.id} dept:<id>`,
    );
  }
  if (requested && requested !== own) {
    throw forbidden(`as ${actor.role} of ${own} you see ${own}'s figures only, not ${requested}'s`);
  }
  return own;
}

/** The month named by `month:` (YYYY-MM), default the previous month: what the review by the 10th covers. */
export function reportMonth(text: string | undefined, now: Date, timeZone: string): Period {
  if (text === undefined) return shiftMonth(monthOf(now, timeZone), -1, timeZone);
  const p = parseMonth(text, timeZone);
  if (!p) {
    throw validationError(`month: ${JSON.stringify(text)} must be a month such as 2026-10`, {
      month: "not a month",
    });
  }
  return p;
}

export async function requireDepartment(
  repos: Repositories,
  id: string | undefined,
): Promise<Department | null> {
  if (!id) return null;
  const d = await repos.departments.find(id);
  if (!d) throw notFound(`there is no department ${id}`);
  return d;
}

const none = "(none)";

/** Labels for report keys: policy labels in the policy's language, department names. */
export async function reportLabels(repos: Repositories, policy: Policy): Promise<Labels> {
  const names = new Map((await repos.departments.list()).map((d) => [d.id, d.name]));
  const fromPolicy =
    (items: readonly { id: string; labels: Record<string, string> }[]): Labeler =>
    (key) =>
      key === null ? none : (items.find((i) => i.id === key)?.labels[policy.locale] ?? key);
  return {
    channel: fromPolicy(policy.channels),
    category: fromPolicy(policy.categories),
    severity: (key) => key ?? none,
    department: (key) => (key === null ? none : (names.get(key) ?? key)),
    staff: (key) => key ?? "(unassigned)",
    currency: policy.compensation.currency,
  };
}
