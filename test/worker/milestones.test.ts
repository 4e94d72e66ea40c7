import { describe, expect, it } from "vitest";
import { defaultHolidayCalendar } from "../../src/calendar/chinese-days.ts";
import { BusinessCalendar } from "../../src/core/calendar/business-calendar.ts";
import type { DeadlineRecord } from "../../src/core/deadlines/deadline.ts";
import {
  milestonesFor,
  overdueMilestone,
  pendingMilestones,
} from "../../src/core/deadlines/milestones.ts";
import { defaultPolicy } from "../../src/core/policy/schema.ts";

const policy = defaultPolicy();
const calendar = BusinessCalendar.fromPolicy(policy, defaultHolidayCalendar());
const deadline = (over: Partial<DeadlineRecord>): DeadlineRecord => ({
  kind: "first_reply",
  clock: "calendar",
  startedAt: new Date("2026-11-23T01:00:00Z"),
  dueAt: new Date("2026-11-25T01:00:00Z"),
  metAt: null,
  pausedAt: null,
  remainingMs: null,
  version: 1,
  ...over,
});
const H = 3_600_000;

describe("deadline milestones", () => {
  it("plans reminders, due, one rung per step, then the first overdue chase", () => {
    const plan = milestonesFor(deadline({}), policy, calendar);
    expect(plan.map((m) => [m.id, m.rung, m.at.toISOString()])).toEqual([
      ["r50", "assignee", "2026-11-24T01:00:00.000Z"],
      ["r80", "assignee", "2026-11-24T15:24:00.000Z"],
      ["due", "assignee", "2026-11-25T01:00:00.000Z"],
      ["e1", "owner", "2026-11-25T05:00:00.000Z"],
      ["e2", "dept-manager", "2026-11-25T09:00:00.000Z"],
      ["e3", "team-channel", "2026-11-25T13:00:00.000Z"],
      ["e4", "gm", "2026-11-25T17:00:00.000Z"],
      ["o1", "assignee", "2026-11-25T21:00:00.000Z"],
    ]);
    expect(overdueMilestone(deadline({}), policy, 3).at.getTime() - plan[7]!.at.getTime()).toBe(
      8 * H,
    );
  });

  it("measures reminders in working time on a working clock", () => {
    // Monday 10:00 Shanghai + 3 working days = Thursday 10:00; half of 27 working hours is 13.5 h.
    const d = deadline({
      clock: "working",
      startedAt: new Date("2026-11-23T02:00:00Z"),
      dueAt: new Date("2026-11-26T02:00:00Z"),
    });
    const r50 = milestonesFor(d, policy, calendar).find((m) => m.id === "r50");
    expect(r50?.at.toISOString()).toBe("2026-11-24T06:30:00.000Z"); // Tuesday 14:30
    expect(calendar.isWorkingTime(r50!.at)).toBe(true);
  });

  it("plans nothing for a met or paused deadline", () => {
    expect(milestonesFor(deadline({ metAt: new Date() }), policy, calendar)).toEqual([]);
    expect(
      milestonesFor(
        deadline({ dueAt: null, pausedAt: new Date(), remainingMs: H }),
        policy,
        calendar,
      ),
    ).toEqual([]);
  });

  it("a case scheduled late is told once, with the latest missed step, not once per step", () => {
    const plan = milestonesFor(deadline({}), policy, calendar);
    const pending = pendingMilestones(plan, new Date("2026-11-25T10:00:00Z"));
    expect(pending.map((m) => m.id)).toEqual(["e2", "e3", "e4", "o1"]);
  });
});
