import type { WaitingParty } from "../policy/schema.ts";
import type { Fault, Severity, Status } from "./status.ts";

/** The complaint aggregate as persisted; mirrors the `complaint` table. */
export interface Complaint {
  id: string;
  number: string;
  status: Status;
  channel: string;
  complainantName: string;
  contact: string;
  content: string;
  receivedAt: Date;
  place: string | null;
  customerId: string | null;
  domestic: boolean;
  demand: string | null;
  orderRef: string | null;
  category: string | null;
  severity: Severity;
  issueKey: string | null;
  valid: boolean | null;
  justified: boolean | null;
  fault: Fault | null;
  majorAt: Date | null;
  majorReason: string | null;
  escalationLevel: number;
  firstContactAt: Date | null;
  unreachableAt: Date | null;
  waitingOn: WaitingParty | null;
  waitingSince: Date | null;
  departmentId: string | null;
  ownerId: string;
  assigneeId: string | null;
  createdById: string;
  repeatOfId: string | null;
  resolution: string | null;
  resolvedAt: Date | null;
  resolvedById: string | null;
  resolutionCause: string | null;
  handlerId: string | null;
  handlerPhone: string | null;
  responsibleDeptId: string | null;
  customerContacted: boolean | null;
  customerSatisfied: boolean | null;
  fullyResolved: boolean | null;
  promisedAt: Date | null;
  callbackSatisfied: boolean | null;
  callbackResolved: boolean | null;
  callbackAt: Date | null;
  rehandleCount: number;
  closedAt: Date | null;
  closedById: string | null;
  closeReason: string | null;
  invalidReason: string | null;
  delayReason: string | null;
  capa: string | null;
  /** Working time from receipt to close, in seconds (set when closed; statistics use it). */
  handlingSeconds: number | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Fields set when a complaint is registered; the rest start empty. */
export type NewComplaint = Pick<
  Complaint,
  | "number"
  | "status"
  | "channel"
  | "complainantName"
  | "contact"
  | "content"
  | "receivedAt"
  | "place"
  | "customerId"
  | "domestic"
  | "demand"
  | "orderRef"
  | "category"
  | "severity"
  | "issueKey"
  | "escalationLevel"
  | "majorAt"
  | "majorReason"
  | "departmentId"
  | "ownerId"
  | "assigneeId"
  | "createdById"
  | "repeatOfId"
>;

/** What a transition may change. Identity, number and intake facts are immutable. */
export type ComplaintPatch = Partial<
  Omit<Complaint, "id" | "number" | "version" | "createdAt" | "updatedAt" | "createdById">
>;
