/** A do-not-contact entry (黑名单, seed 001): never contact for marketing again. */
export interface DncRecord {
  contact: string;
  reason: string;
  addedById: string;
  complaintId: string | null;
  addedAt: Date;
}
