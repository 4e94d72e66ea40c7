import { Engine } from "../../src/core/engine.ts";
import type { Outcome } from "../../src/core/reply/reply.ts";
import { defaultPolicy, type Policy } from "../../src/core/policy/schema.ts";
import type { Clock } from "../../src/core/ports.ts";
import { defaultHolidayCalendar } from "../../src/calendar/chinese-days.ts";
import { BusinessCalendar } from "../../src/core/calendar/business-calendar.ts";
import type { DeadlineCalendar } from "../../src/core/deadlines/deadline.ts";
import type { Notification } from "../../src/core/notifications/notification.ts";
import {
  notificationsFor,
  staffLocales,
  type NotificationLocales,
} from "../../src/core/notifications/render.ts";
import { ensureAdmins } from "../../src/store/bootstrap.ts";
import { prismaUnitOfWork } from "../../src/store/unit-of-work.ts";
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from "./db.ts";

/** The real business calendar (mainland-China holidays) for the policy. */
export function testCalendar(policy: Policy): DeadlineCalendar {
  return BusinessCalendar.fromPolicy(policy, defaultHolidayCalendar());
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestEngine {
  db: TestDatabase;
  engine: Engine;
  clock: ManualClock;
  policy: Policy;
  /** Runs a line as `actor`; fails the test on an internal error. */
  run(actor: string, line: string): Promise<Outcome>;
  /** Runs a line that must succeed and returns its reply. */
  ok(actor: string, line: string): Promise<Extract<Outcome, { ok: true }>>;
  close(): Promise<void>;
}

export async function createTestEngine(
  kind: TestDatabaseKind,
  options: { policy?: Policy; now?: string } = {},
): Promise<TestEngine> {
  const db = await createTestDatabase(kind);
  await ensureAdmins(db.prisma, ["admin"]);
  const clock = new ManualClock(new Date(options.now ?? "2026-11-23T02:00:00Z"));
  const policy = options.policy ?? defaultPolicy();
  const internal: unknown[] = [];
  const engine = new Engine({
    uow: prismaUnitOfWork(db.prisma),
    policy,
    clock,
    calendar: testCalendar(policy),
    onInternalError: (error) => internal.push(error),
  });
  const run = async (actor: string, line: string) => {
    const outcome = await engine.execute(line, actor);
    if (internal.length > 0)
      throw internal[0] instanceof Error ? internal[0] : new Error(String(internal[0]));
    return outcome;
  };
  return {
    db,
    engine,
    clock,
    policy,
    run,
    async ok(actor, line) {
      const outcome = await run(actor, line);
      if (!outcome.ok) throw new Error(`${line}\n  -> ${outcome.text}`);
      return outcome;
    },
    close: () => db.close(),
  };
}

/** A staff directory most tests start from: a billing team with a manager chain. */
export async function seedTeam(t: TestEngine): Promise<void> {
  for (const line of [
    'staff add id:gm name:"Gao Ming" role:gm',
    'staff add id:carol name:"Carol Wu" role:dept-manager dept:billing manager:gm',
    'staff add id:bob name:"Bob Chen" role:handler dept:billing manager:carol',
    'staff add id:hana name:"Han Na" role:handler dept:billing manager:carol',
    'staff add id:amy name:"Amy Li" role:agent dept:billing manager:carol',
  ]) {
    await t.ok("admin", line);
  }
}

/**
 * Everything a command could have written, as one comparable value: a
 * rejected command must leave it unchanged.
 */
export async function fingerprint(t: TestEngine): Promise<string> {
  const rows = await t.db.prisma.$queryRaw<{ f: string }[]>`
    SELECT concat_ws('|',
      (SELECT count(*) FROM complaint), (SELECT coalesce(sum(version), 0) FROM complaint),
      (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY number), '')) FROM complaint c),
      (SELECT count(*) FROM staff), (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY id), '')) FROM staff s),
      (SELECT count(*) FROM department), (SELECT count(*) FROM complaint_note),
      (SELECT count(*) FROM audit_event), (SELECT count(*) FROM outbox_event),
      (SELECT md5(coalesce(string_agg(m::text, ',' ORDER BY kind, period), '')) FROM monthly_counter m)
    ) AS f`;
  return rows[0]?.f ?? "";
}

/** The reply fields `resolve` requires (seed 001), for tests that resolve. */
export const replyFields = (handler = "bob", dept = "billing") =>
  `cause:operation-error handler:${handler} phone:13900139000 dept:${dept} contacted:yes satisfied:yes resolved:yes promised:2026-11-25T18:00+08:00`;

/** Each staff member's language, as the app looks them up before sending. */
export async function recipientLocales(t: TestEngine): Promise<NotificationLocales> {
  const staff = await t.db.prisma.staff.findMany({ select: { id: true, locale: true } });
  return staffLocales(staff, t.policy);
}

/** Notifications of outbox events after `afterId`, rendered as the worker would send them. */
export async function notificationsSince(
  t: TestEngine,
  afterId = 0n,
): Promise<{ last: bigint; items: Notification[] }> {
  const events = await t.db.prisma.outboxEvent.findMany({
    where: { id: { gt: afterId } },
    orderBy: { id: "asc" },
  });
  const locales = await recipientLocales(t);
  const items = events.flatMap((e) =>
    notificationsFor(
      {
        id: e.id.toString(),
        type: e.type,
        aggregateId: e.aggregateId,
        payload: e.payload as Record<string, unknown>,
      },
      locales,
    ),
  );
  return { last: events.at(-1)?.id ?? afterId, items };
}

/** Tracks what each step notified: `await inbox.take()` returns the notifications since the last take. */
export function inbox(t: TestEngine) {
  let last = 0n;
  return {
    async take(): Promise<Notification[]> {
      const r = await notificationsSince(t, last);
      last = r.last;
      return r.items;
    },
  };
}
