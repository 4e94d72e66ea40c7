import { describe, expect, it } from "vitest";

import { chineseDaysHolidays } from "../../../src/calendar/chinese-days.ts";
import {
  pauseDeadlineRecord,
  remainingTime,
  resumeDeadline,
  resumeDeadlineRecord,
} from "../../../src/core/calendar/pause.ts";
import { nextDeliveryTime } from "../../../src/core/calendar/quiet-hours.ts";
import type { DeadlineRecord } from "../../../src/core/deadlines/deadline.ts";
import { HOUR_MS } from "../../../src/core/policy/duration.ts";
import { at, calendar, wall } from "./helpers.ts";

const cal = calendar(chineseDaysHolidays());

function record(overrides: Partial<DeadlineRecord> = {}): DeadlineRecord {
  return {
    kind: "result",
    clock: "working",
    startedAt: at("2026-11-20 15:00"),
    dueAt: at("2026-11-25 15:00"),
    metAt: null,
    pausedAt: null,
    remainingMs: null,
    version: 1,
    ...overrides,
  };
}

describe("paused clock", () => {
  it("keeps the working time left and resumes with it", () => {
    // Paused Monday 10:00 with Mon 8 h + Tue 9 h + Wed 6 h = 23 working hours left.
    const left = remainingTime(cal, at("2026-11-25 15:00"), at("2026-11-23 10:00"), "working");
    expect(left).toBe(23 * HOUR_MS);
    // Waiting on the customer until Thursday 14:00: due the next Tuesday 10:00.
    expect(wall(resumeDeadline(cal, left, at("2026-11-26 14:00"), "working"))).toBe(
      "2026-12-01 10:00",
    );
  });

  it("resumes a working clock at the next working hour", () => {
    expect(wall(resumeDeadline(cal, 2 * HOUR_MS, at("2026-11-21 20:00"), "working"))).toBe(
      "2026-11-23 11:00",
    );
  });

  it("counts plain time on a calendar clock", () => {
    const left = remainingTime(cal, at("2026-10-02 16:00"), at("2026-09-30 16:00"), "calendar");
    expect(left).toBe(48 * HOUR_MS);
    expect(wall(resumeDeadline(cal, left, at("2026-10-05 09:00"), "calendar"))).toBe(
      "2026-10-07 09:00",
    );
  });

  it("keeps an overdue deadline overdue by as much", () => {
    const left = remainingTime(cal, at("2026-11-20 15:00"), at("2026-11-20 17:00"), "working");
    expect(left).toBe(-2 * HOUR_MS);
    expect(wall(resumeDeadline(cal, left, at("2026-11-23 10:00"), "working"))).toBe(
      "2026-11-20 17:00",
    );
  });

  it("pauses and resumes a deadline record", () => {
    const paused = pauseDeadlineRecord(cal, record(), at("2026-11-23 10:00"));
    expect(paused).toMatchObject({ dueAt: null, remainingMs: 23 * HOUR_MS, version: 2 });
    expect(paused.pausedAt?.getTime()).toBe(at("2026-11-23 10:00").getTime());

    const resumed = resumeDeadlineRecord(cal, paused, at("2026-11-26 14:00"));
    expect(resumed).toMatchObject({ pausedAt: null, remainingMs: null, version: 3 });
    expect(resumed.dueAt && wall(resumed.dueAt)).toBe("2026-12-01 10:00");
  });

  it("leaves met, already paused and running deadlines alone where nothing applies", () => {
    const met = record({ metAt: at("2026-11-23 09:30") });
    expect(pauseDeadlineRecord(cal, met, at("2026-11-23 10:00"))).toBe(met);
    const paused = record({ dueAt: null, pausedAt: at("2026-11-23 10:00"), remainingMs: HOUR_MS });
    expect(pauseDeadlineRecord(cal, paused, at("2026-11-24 10:00"))).toBe(paused);
    const running = record();
    expect(resumeDeadlineRecord(cal, running, at("2026-11-24 10:00"))).toBe(running);
  });
});

describe("quiet hours", () => {
  it("holds non-urgent nudges until working hours", () => {
    expect(wall(nextDeliveryTime(cal, at("2026-11-24 03:00"), false))).toBe("2026-11-24 09:00");
    expect(wall(nextDeliveryTime(cal, at("2026-10-03 11:00"), false))).toBe("2026-10-08 09:00");
    expect(wall(nextDeliveryTime(cal, at("2026-11-24 11:00"), false))).toBe("2026-11-24 11:00");
  });

  it("sends urgent ones (major complaints) at once", () => {
    expect(wall(nextDeliveryTime(cal, at("2026-10-03 03:00"), true))).toBe("2026-10-03 03:00");
  });

  it("holds nothing in mode 24x7", () => {
    const always = calendar(chineseDaysHolidays(), { mode: "24x7" });
    expect(wall(nextDeliveryTime(always, at("2026-10-03 03:00"), false))).toBe("2026-10-03 03:00");
  });
});
