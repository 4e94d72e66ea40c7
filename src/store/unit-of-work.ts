import { ComplaintError, ErrorCode, isComplaintError } from "../core/errors.ts";
import type { Repositories, UnitOfWork } from "../core/ports.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { isConnectionError } from "./database.ts";
import { isTransactionConflict } from "./errors.ts";
import {
  contactAttemptRepository,
  deadlineRepository,
  responsibilityRepository,
} from "./repositories/case-records.ts";
import { compensationRepository } from "./repositories/compensations.ts";
import { complaintRepository } from "./repositories/complaints.ts";
import { dncRepository } from "./repositories/dnc.ts";
import { reportRepository } from "./repositories/reports.ts";
import {
  auditRepository,
  counterRepository,
  journalRepository,
  noteRepository,
  outboxRepository,
} from "./repositories/records.ts";
import { departmentRepository, staffRepository } from "./repositories/staff.ts";

export interface UnitOfWorkOptions {
  /** How long one command's transaction may run before it is rolled back. */
  timeoutMs?: number;
  /** Runs of a transaction PostgreSQL aborted as a deadlock or serialization failure (default 3). */
  conflictAttempts?: number;
}

/**
 * Every command runs in one interactive transaction: its change, audit row
 * and outbox event commit together or not at all.
 */
export function prismaUnitOfWork(
  prisma: PrismaClient,
  options: UnitOfWorkOptions = {},
): UnitOfWork {
  return {
    async transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
      const attempts = options.conflictAttempts ?? 3;
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(work);
        } catch (error) {
          if (!isTransactionConflict(error)) throw error;
          // PostgreSQL rolled everything back; the work runs again on fresh reads,
          // where a stale `version:` turns into E_CONFLICT like any other race.
          if (attempt < attempts) {
            await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
            continue;
          }
          throw new ComplaintError(
            ErrorCode.Conflict,
            "the complaint was being changed by someone else at the same moment; nothing was changed. Try again",
            { cause: error },
          );
        }
      }
    },
  };

  async function once<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    try {
      return await prisma.$transaction(
        (tx) =>
          work({
            complaints: complaintRepository(tx),
            staff: staffRepository(tx),
            departments: departmentRepository(tx),
            notes: noteRepository(tx),
            audit: auditRepository(tx),
            outbox: outboxRepository(tx),
            journal: journalRepository(tx),
            counters: counterRepository(tx),
            attempts: contactAttemptRepository(tx),
            deadlines: deadlineRepository(tx),
            compensations: compensationRepository(tx),
            responsibilities: responsibilityRepository(tx),
            dnc: dncRepository(tx),
            reports: reportRepository(tx),
          }),
        { timeout: options.timeoutMs ?? 15_000, maxWait: 10_000 },
      );
    } catch (error) {
      if (isComplaintError(error)) throw error;
      if (isConnectionError(error)) {
        throw new ComplaintError(
          ErrorCode.Unavailable,
          "the database is not reachable right now; nothing was changed. Try again in a moment",
          { cause: error },
        );
      }
      throw error;
    }
  }
}
