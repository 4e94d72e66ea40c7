import { forbidden, notFound, validationError } from "../errors.ts";
import { msg, type Translator } from "../i18n/translate.ts";
import type { Policy } from "../policy/schema.ts";
import type { Repositories } from "../ports.ts";
import { roleAtLeast } from "../staff/role.ts";
import type { Department, Staff } from "../staff/staff.ts";
import { reportLabels, type Labels } from "./present.ts";
import { monthOf, parseMonth, shiftMonth, type Period } from "./period.ts";

/**
 * Which department's figures the caller may see: a department manager sees
 * their own department's only (and gets it without asking); a vp, gm or
 * admin sees any, or all when none is named.
 */
export function departmentScope(actor: Staff, requested: string | undefined): string | undefined {
  if (roleAtLeast(actor.role, "vp")) return requested;
  const own = actor.departmentId;
  if (!own) throw forbidden(msg("report.noDept", { role: actor.role, id: actor.id }));
  if (requested && requested !== own) {
    throw forbidden(msg("report.otherDept", { role: actor.role, own, requested }));
  }
  return own;
}

/** The month named by `month:` (YYYY-MM), default the previous month: what the review by the 10th covers. */
export function reportMonth(text: string | undefined, now: Date, timeZone: string): Period {
  if (text === undefined) return shiftMonth(monthOf(now, timeZone), -1, timeZone);
  const p = parseMonth(text, timeZone);
  if (!p) {
    throw validationError(msg("report.badMonth", { month: text }), {
      month: msg("report.field.notAMonth"),
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
  if (!d) throw notFound(msg("dept.unknown", { dept: id }));
  return d;
}

/** Every department's display name, by id. */
export async function departmentNames(repos: Repositories): Promise<Record<string, string>> {
  return Object.fromEntries((await repos.departments.list()).map((d) => [d.id, d.name]));
}

/** Labels for report keys in `t`'s language: policy labels, severities, department names. */
export async function loadReportLabels(
  repos: Repositories,
  policy: Policy,
  t: Translator,
): Promise<Labels> {
  return reportLabels(t, {
    policy,
    departments: await departmentNames(repos),
    currency: policy.compensation.currency,
  });
}
