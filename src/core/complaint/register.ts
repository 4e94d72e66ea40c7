import type { CommandContext } from "../commands/command.ts";
import { initialDeadlines } from "../deadlines/deadline.ts";
import type { Policy } from "../policy/schema.ts";
import type { Repositories } from "../ports.ts";
import { yearMonthCode } from "../time/zoned.ts";
import type { Complaint, NewComplaint } from "./complaint.ts";
import { majorEventPayload, majorReason } from "./major.ts";
import { serializePatch } from "./mutate.ts";

/** `TS-YYMM-NNNN`: the sequence restarts every month (seed 002). */
export async function nextComplaintNumber(
  repos: Repositories,
  policy: Policy,
  now: Date,
): Promise<string> {
  const period = yearMonthCode(now, policy.timezone);
  const sequence = await repos.counters.next("complaint_number", period);
  return `${policy.numbering.prefix}-${period}-${String(sequence).padStart(4, "0")}`;
}

export type Intake = Omit<NewComplaint, "number" | "majorAt" | "majorReason">;

/**
 * Registers a complaint in the caller's transaction: its number, whether it
 * is major, its deadlines, the opening audit row (a full snapshot, from which
 * the trail replays) and its outbox events.
 *
 * The number's counter row stays locked until the transaction commits, and
 * every opening waits for it: whatever does not need the number (reads, the
 * deadline arithmetic) is done before it is taken, and what needs it is as
 * few statements as possible.
 */
export async function registerComplaint(
  ctx: CommandContext,
  intake: Intake,
  event: { type: string; payload: Record<string, unknown> },
  auditExtra: Record<string, unknown> = {},
): Promise<{ complaint: Complaint; major: string | null }> {
  const { repos, policy, now, actor } = ctx;
  const major = await majorReason(repos, policy, intake);
  const majorPayload = major ? await majorEventPayload(repos, policy, major) : null;
  const deadlines = initialDeadlines(intake, policy, ctx.calendar);
  const data: NewComplaint = {
    ...intake,
    number: await nextComplaintNumber(repos, policy, now),
    severity:
      major && (intake.severity === "general" || intake.severity === "complex")
        ? "major"
        : intake.severity,
    majorAt: major ? now : null,
    majorReason: major,
  };
  const created = await repos.complaints.insert(data);
  await repos.deadlines.insert(created.id, deadlines);
  const base = { number: created.number, actorId: actor.id, version: created.version };
  await repos.journal.record(
    {
      complaintId: created.id,
      subject: created.number,
      actorId: actor.id,
      action: "complaint.opened",
      fromStatus: null,
      toStatus: created.status,
      version: created.version,
      data: { snapshot: serializePatch(data), ...auditExtra },
    },
    [
      { type: event.type, aggregateId: created.id, payload: { ...base, ...event.payload } },
      ...(majorPayload
        ? [
            {
              type: "complaint.major",
              aggregateId: created.id,
              payload: { ...base, excerpt: created.content.slice(0, 140), ...majorPayload },
            },
          ]
        : []),
    ],
  );
  return { complaint: created, major };
}
