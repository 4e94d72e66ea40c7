import type { Complaint, ComplaintPatch, NewComplaint } from "./complaint/complaint.ts";
import type { Severity, Status } from "./complaint/status.ts";
import type { Role } from "./staff/role.ts";
import type { Department, Staff } from "./staff/staff.ts";

/** Ports the core needs; src/store implements them on Prisma. */

export interface Clock {
  now(): Date;
}

export interface ComplaintQuery {
  statuses?: readonly Status[];
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
  update(id: string, patch: Partial<Omit<NewStaff, "id">>): Promise<Staff>;
  list(filter: { departmentId?: string; role?: Role }): Promise<Staff[]>;
  findByEmail(email: string): Promise<Staff | null>;
  /** The staff member behind a chat identity (platform user id). */
  findByIdentity(platform: string, externalId: string): Promise<Staff | null>;
  linkIdentity(staffId: string, platform: string, externalId: string): Promise<void>;
  identities(staffId: string): Promise<{ platform: string; externalId: string }[]>;
}

export interface DepartmentRepository {
  find(id: string): Promise<Department | null>;
  /** Creates the department if it does not exist yet; returns it either way. */
  ensure(id: string, defaults: { name: string; channel: string | null }): Promise<Department>;
  setManager(id: string, managerId: string): Promise<Department>;
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

export interface CounterRepository {
  /** Atomically increments and returns the counter for (kind, period). */
  next(kind: string, period: string): Promise<number>;
}

export interface Repositories {
  complaints: ComplaintRepository;
  staff: StaffRepository;
  departments: DepartmentRepository;
  notes: NoteRepository;
  audit: AuditRepository;
  outbox: OutboxRepository;
  counters: CounterRepository;
}

/** Runs `work` in one database transaction: all of it commits or none. */
export interface UnitOfWork {
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}
