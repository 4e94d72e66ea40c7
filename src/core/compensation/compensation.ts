import type { ApproverRole } from "../policy/schema.ts";

export type CompensationStatus = "pending" | "approved" | "rejected";

export interface CompensationRecord {
  id: string;
  complaintId: string;
  /** Yuan with two decimals, as a string to keep cents exact. */
  amount: string;
  loss: string;
  reason: string;
  requestedById: string;
  approverRole: ApproverRole;
  approverId: string | null;
  status: CompensationStatus;
  decidedById: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  createdAt: Date;
}
