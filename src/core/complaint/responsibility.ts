import { notFound, validationError } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import type { Repositories } from "../ports.ts";

export interface ResponsibilityShare {
  departmentId: string;
  /** Whole percent; the shares of one complaint sum to 100. */
  share: number;
  personId: string | null;
}

/** `billing:70,logistics:30`, or one department alone for 100 %. */
export async function parseShares(
  repos: Repositories,
  text: string,
  personId: string | null,
): Promise<ResponsibilityShare[]> {
  const parts = text
    .split(/[,，]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const shares: ResponsibilityShare[] = [];
  for (const part of parts) {
    const m = /^([a-z0-9][a-z0-9._-]{0,63})(?::(\d{1,3}))?$/i.exec(part);
    const dept = m?.[1]?.toLowerCase();
    if (!m || !dept || (m[2] === undefined && parts.length > 1)) {
      throw validationError(msg("responsible.bad", { part }), {
        responsible: msg("field.badShare"),
      });
    }
    if (!(await repos.departments.find(dept))) throw notFound(msg("responsible.noDept", { dept }));
    if (shares.some((s) => s.departmentId === dept))
      throw validationError(msg("responsible.twice", { dept }), {
        responsible: msg("field.duplicate"),
      });
    const share = m[2] === undefined ? 100 : Number(m[2]);
    if (share < 1 || share > 100)
      throw validationError(msg("responsible.range", { dept }), {
        responsible: msg("field.badShare"),
      });
    shares.push({ departmentId: dept, share, personId });
  }
  const total = shares.reduce((sum, s) => sum + s.share, 0);
  if (total !== 100) {
    throw validationError(msg("responsible.sum", { total }), {
      responsible: msg("field.sharesSum"),
    });
  }
  return shares;
}
