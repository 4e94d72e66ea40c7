import { notFound, validationError } from "../errors.ts";
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
      throw validationError(
        `responsible: ${JSON.stringify(part)} must be department:percent, e.g. billing:70,logistics:30`,
        { responsible: "bad share" },
      );
    }
    if (!(await repos.departments.find(dept)))
      throw notFound(`responsible: there is no department ${dept}`);
    if (shares.some((s) => s.departmentId === dept))
      throw validationError(`responsible: ${dept} is named twice`, { responsible: "duplicate" });
    const share = m[2] === undefined ? 100 : Number(m[2]);
    if (share < 1 || share > 100)
      throw validationError(`responsible: ${dept}'s share must be 1-100`, {
        responsible: "bad share",
      });
    shares.push({ departmentId: dept, share, personId });
  }
  const total = shares.reduce((sum, s) => sum + s.share, 0);
  if (total !== 100) {
    throw validationError(`responsible: the shares add up to ${total} %, not 100 %`, {
      responsible: "shares must sum to 100",
    });
  }
  return shares;
}
