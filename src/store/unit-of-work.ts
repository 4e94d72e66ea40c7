import { ComplaintError, ErrorCode, isComplaintError } from "../core/errors.ts";
import type { Repositories, UnitOfWork } from "../core/ports.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { isConnectionError } from "./database.ts";
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
  noteRepository,
  outboxRepository,
} from "./repositories/records.ts";
import { departmentRepository, staffRepository } from "./repositories/staff.ts";

export interface UnitOfWorkOptions {
  /** How long one command's transaction may run before it is rolled back. */
  timeoutMs?: number;
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
    },
  };
}
