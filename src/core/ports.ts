import type { Complaint, ComplaintPatch, NewComplaint } from "./complaint/complaint.ts";
import type { Severity, Status } from "./complaint/status.ts";
import type { CompensationRecord } from "./compensation/compensation.ts";
import type { DeadlineRecord } from "./deadlines/deadline.ts";
import type { DncRecord } from "./dnc/dnc.ts";
import type { ResponsibilityShare } from "./complaint/responsibility.ts";
import type { Period } from "./reports/period.ts";
import type {
  GroupBy,
  GroupFigures,
  MonthlyFigures,
  StatsFilter,
  TrendPoint,
} from "./reports/stats.ts";
import type { Role } from "./staff/role.ts";
import type { Department, Staff } from "./staff/staff.ts";

/** Ports the core needs; src/store implements them on Prisma. */

export interface Clock {
  now(): Date;
}

export interface ComplaintQuery {
  statuses?: readonly Status[];
  /** Complaints with a deadline not met and due before this instant. */
  overdueAt?: Date;
  /** Only major complaints. */
  major?: boolean;
  /** Complaints with a deadline not met and due in [from, to]. */
  dueBetween?: { from: Date; to: Date };
  /** Complaints where this staff member is assignee or first-contact owner. */
  involving?: string;
  assigneeId?: string | null;
  ownerId?: string;
  channel?: string;
  departmentId?: string;
  severity?: Severity;
  limit: number;
  offset: number;
}

export interface ComplaintRepository {
  findByNumber(number: string): Promise<Complaint | null>;
  findById(id: string): Promise<Complaint | null>;
  insert(data: NewComplaint): Promise<Complaint>;
  /**
   * Applies `patch` only if the stored version is still `expectedVersion`,
   * bumping it by one; returns null when somebody else changed it first.
   */
  update(id: string, expectedVersion: number, patch: ComplaintPatch): Promise<Complaint | null>;
  list(query: ComplaintQuery): Promise<{ items: Complaint[]; total: number }>;
  /** How many complaints about `issueKey` came in at or after `since`. */
  countByIssue(issueKey: string, since: Date): Promise<number>;
}

export interface NewStaff {
  id: string;
  name: string;
  email: string | null;
  role: Role;
  departmentId: string | null;
  managerId: string | null;
  locale: string | null;
}

export interface StaffRepository {
  find(id: string): Promise<Staff | null>;
  insert(data: NewStaff): Promise<Staff>;
  update(id: string, patch: Partial<Omit<NewStaff, "id">> & { active?: boolean }): Promise<Staff>;
  list(filter: { departmentId?: string; role?: Role }): Promise<Staff[]>;
  findByEmail(email: string): Promise<Staff | null>;
  /** The staff member behind a chat identity (platform user id). */
  findByIdentity(platform: string, externalId: string): Promise<Staff | null>;
  /**
   * Links a chat identity to a staff member; false when the identity was
   * linked already (also by a concurrent request), leaving that link as it is.
   */
  linkIdentity(staffId: string, platform: string, externalId: string): Promise<boolean>;
  identities(staffId: string): Promise<{ platform: string; externalId: string }[]>;
}

export interface DepartmentRepository {
  find(id: string): Promise<Department | null>;
  /** Creates the department if it does not exist yet; returns it either way. */
  ensure(id: string, defaults: { name: string; channel: string | null }): Promise<Department>;
  setManager(id: string, managerId: string): Promise<Department>;
  /** Creates or updates a department. */
  update(
    id: string,
    patch: { name?: string; channel?: string; managerId?: string },
  ): Promise<Department>;
  list(): Promise<Department[]>;
}

export interface ComplaintNote {
  id: string;
  authorId: string;
  text: string;
  createdAt: Date;
}

export interface NoteRepository {
  add(complaintId: string, authorId: string, text: string): Promise<ComplaintNote>;
  list(complaintId: string, limit: number): Promise<ComplaintNote[]>;
}

export interface AuditEntry {
  complaintId: string | null;
  /** What the entry is about: a complaint number, `staff:<id>`, … */
  subject: string;
  actorId: string;
  action: string;
  fromStatus: Status | null;
  toStatus: Status | null;
  version: number | null;
  data: Record<string, unknown>;
}

export interface StoredAuditEntry extends AuditEntry {
  id: string;
  at: Date;
}

export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  forComplaint(complaintId: string): Promise<StoredAuditEntry[]>;
}

export interface OutboxMessage {
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}

export interface OutboxRepository {
  add(message: OutboxMessage): Promise<void>;
}

export interface JournalRepository {
  /**
   * A change's audit row and the outbox events that announce it, in one
   * statement: they commit together anyway, and each statement inside a
   * transaction is time its locks are held.
   */
  record(entry: AuditEntry, events: readonly OutboxMessage[]): Promise<void>;
}

export interface CounterRepository {
  /** Atomically increments and returns the counter for (kind, period). */
  next(kind: string, period: string): Promise<number>;
}

export interface ContactAttemptRecord {
  actorId: string;
  reached: boolean;
  note: string | null;
  at: Date;
}

export interface ContactAttemptRepository {
  add(complaintId: string, attempt: ContactAttemptRecord): Promise<void>;
  list(complaintId: string): Promise<ContactAttemptRecord[]>;
}

export interface DeadlineRepository {
  /** A new complaint's deadlines (it has none stored yet), in one statement. */
  insert(complaintId: string, deadlines: readonly DeadlineRecord[]): Promise<void>;
  /** Inserts or replaces the given deadlines of a complaint (bumping versions of moved ones). */
  put(complaintId: string, deadlines: readonly DeadlineRecord[]): Promise<void>;
  list(complaintId: string): Promise<DeadlineRecord[]>;
}

export interface CompensationRepository {
  insert(
    record: Omit<CompensationRecord, "decidedById" | "decidedAt" | "decisionNote" | "createdAt">,
  ): Promise<CompensationRecord>;
  find(id: string): Promise<CompensationRecord | null>;
  /** Records the decision only if still pending; returns null if somebody decided first. */
  decide(
    id: string,
    decision: {
      status: "approved" | "rejected";
      decidedById: string;
      decidedAt: Date;
      note: string | null;
    },
  ): Promise<CompensationRecord | null>;
  forComplaint(complaintId: string): Promise<CompensationRecord[]>;
  pendingFor(approverId: string): Promise<CompensationRecord[]>;
}

export interface ResponsibilityRepository {
  put(complaintId: string, shares: readonly ResponsibilityShare[]): Promise<void>;
  list(complaintId: string): Promise<ResponsibilityShare[]>;
}

export interface DncRepository {
  find(contact: string): Promise<DncRecord | null>;
  add(record: DncRecord): Promise<void>;
  remove(contact: string): Promise<boolean>;
  list(limit: number, offset: number): Promise<{ items: DncRecord[]; total: number }>;
}

export interface ReportRepository {
  /** Counts for the daily report of one department (null: all). */
  daily(
    departmentId: string | null,
    window: { from: Date; to: Date; tomorrowEnd: Date; now: Date },
  ): Promise<DailyCounts>;
  /** The month's statistics (reports/stats.ts says which facts belong to a month). */
  monthly(filter: StatsFilter, period: Period, now: Date): Promise<MonthlyFigures>;
  /** The month per assignee (agent) or per department. */
  grouped(by: GroupBy, filter: StatsFilter, period: Period, now: Date): Promise<GroupFigures[]>;
  /** Received, closed and on-time per month, in the order given. */
  trend(filter: StatsFilter, periods: readonly Period[], now: Date): Promise<TrendPoint[]>;
}

export interface DailyCounts {
  opened: number;
  closed: number;
  overdue: string[];
  dueTomorrow: string[];
}

export interface Repositories {
  complaints: ComplaintRepository;
  staff: StaffRepository;
  departments: DepartmentRepository;
  notes: NoteRepository;
  audit: AuditRepository;
  outbox: OutboxRepository;
  journal: JournalRepository;
  counters: CounterRepository;
  attempts: ContactAttemptRepository;
  deadlines: DeadlineRepository;
  compensations: CompensationRepository;
  responsibilities: ResponsibilityRepository;
  dnc: DncRepository;
  reports: ReportRepository;
}

/** Runs `work` in one database transaction: all of it commits or none. */
export interface UnitOfWork {
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}
