import type { Complaint } from "./complaint.ts";
import { maskContact } from "./mask.ts";
import type { Severity, Status } from "./status.ts";

/** The public fields of a complaint: the `complaint` object of every reply. */
export interface ComplaintView {
  number: string;
  status: Status;
  channel: string;
  complainant: string;
  contact: string;
  contactMasked: boolean;
  content: string;
  receivedAt: string;
  place: string | null;
  domestic: boolean;
  demand: string | null;
  orderRef: string | null;
  category: string | null;
  severity: Severity;
  department: string | null;
  owner: string;
  assignee: string | null;
  repeatOf: string | null;
  resolution: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  callback: { satisfied: boolean | null; resolved: boolean | null; at: string | null };
  rehandleCount: number;
  closedAt: string | null;
  closeReason: string | null;
  invalidReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function complaintView(
  c: Complaint,
  opts: { showContact: boolean; repeatOfNumber?: string | null },
): ComplaintView {
  return {
    number: c.number,
    status: c.status,
    channel: c.channel,
    complainant: c.complainantName,
    contact: opts.showContact ? c.contact : maskContact(c.contact),
    contactMasked: !opts.showContact,
    content: c.content,
    receivedAt: c.receivedAt.toISOString(),
    place: c.place,
    domestic: c.domestic,
    demand: c.demand,
    orderRef: c.orderRef,
    category: c.category,
    severity: c.severity,
    department: c.departmentId,
    owner: c.ownerId,
    assignee: c.assigneeId,
    repeatOf: opts.repeatOfNumber ?? null,
    resolution: c.resolution,
    resolvedAt: iso(c.resolvedAt),
    resolvedBy: c.resolvedById,
    callback: {
      satisfied: c.callbackSatisfied,
      resolved: c.callbackResolved,
      at: iso(c.callbackAt),
    },
    rehandleCount: c.rehandleCount,
    closedAt: iso(c.closedAt),
    closeReason: c.closeReason,
    invalidReason: c.invalidReason,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
