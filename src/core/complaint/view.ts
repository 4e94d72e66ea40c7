import type { Complaint } from "./complaint.ts";
import { maskContact } from "./mask.ts";
import type { Fault, Severity, Status } from "./status.ts";
import type { DeadlineView } from "../deadlines/view.ts";

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
  issue: string | null;
  valid: boolean | null;
  justified: boolean | null;
  fault: Fault | null;
  major: { at: string; reason: string | null } | null;
  escalationLevel: number;
  firstContactAt: string | null;
  unreachableAt: string | null;
  waiting: { on: string; since: string | null } | null;
  department: string | null;
  owner: string;
  assignee: string | null;
  repeatOf: string | null;
  resolution: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  reply: {
    cause: string | null;
    handler: string | null;
    handlerPhone: string | null;
    responsibleDept: string | null;
    contacted: boolean | null;
    satisfied: boolean | null;
    fullyResolved: boolean | null;
    promisedAt: string | null;
  } | null;
  callback: { satisfied: boolean | null; resolved: boolean | null; at: string | null };
  rehandleCount: number;
  closedAt: string | null;
  closeReason: string | null;
  invalidReason: string | null;
  delayReason: string | null;
  capa: string | null;
  /** Every deadline with its state; present on `show`. */
  deadlines?: DeadlineView[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function complaintView(
  c: Complaint,
  opts: { showContact: boolean; repeatOfNumber?: string | null; deadlines?: DeadlineView[] },
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
    issue: c.issueKey,
    valid: c.valid,
    justified: c.justified,
    fault: c.fault,
    major: c.majorAt ? { at: c.majorAt.toISOString(), reason: c.majorReason } : null,
    escalationLevel: c.escalationLevel,
    firstContactAt: iso(c.firstContactAt),
    unreachableAt: iso(c.unreachableAt),
    waiting: c.waitingOn ? { on: c.waitingOn, since: iso(c.waitingSince) } : null,
    department: c.departmentId,
    owner: c.ownerId,
    assignee: c.assigneeId,
    repeatOf: opts.repeatOfNumber ?? null,
    resolution: c.resolution,
    resolvedAt: iso(c.resolvedAt),
    resolvedBy: c.resolvedById,
    reply: c.resolutionCause
      ? {
          cause: c.resolutionCause,
          handler: c.handlerId,
          // The handler's work phone is staff data, not the customer's; shown as given.
          handlerPhone: c.handlerPhone,
          responsibleDept: c.responsibleDeptId,
          contacted: c.customerContacted,
          satisfied: c.customerSatisfied,
          fullyResolved: c.fullyResolved,
          promisedAt: iso(c.promisedAt),
        }
      : null,
    callback: {
      satisfied: c.callbackSatisfied,
      resolved: c.callbackResolved,
      at: iso(c.callbackAt),
    },
    rehandleCount: c.rehandleCount,
    closedAt: iso(c.closedAt),
    closeReason: c.closeReason,
    invalidReason: c.invalidReason,
    delayReason: c.delayReason,
    capa: c.capa,
    ...(opts.deadlines ? { deadlines: opts.deadlines } : {}),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
