import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthPeriod, monthsEndingWith, parseMonth } from "../../src/core/reports/period.ts";
import type { MonthlyFigures } from "../../src/core/reports/stats.ts";
import { reportRepository } from "../../src/store/repositories/reports.ts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/db.ts";
import { NOW, seedMonth, TZ } from "./fixture.ts";

const october = monthPeriod(2026, 10, TZ);

describe("month periods", () => {
  it("are calendar months in the policy's time zone", () => {
    expect(october).toEqual({
      label: "2026-10",
      from: new Date("2026-09-30T16:00:00Z"),
      to: new Date("2026-10-31T16:00:00Z"),
    });
    expect(parseMonth("2026-1", TZ)?.label).toBe("2026-01");
    expect(parseMonth("2026-13", TZ)).toBeNull();
    expect(parseMonth("Oct", TZ)).toBeNull();
    expect(monthsEndingWith(monthPeriod(2026, 2, TZ), 3, TZ).map((p) => p.label)).toEqual([
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
  });
});

describe.each(databaseKinds)("monthly statistics in SQL on %s", (kind) => {
  let db: TestDatabase;
  const reports = () => reportRepository(db.prisma);
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedMonth(db.prisma);
  });
  afterAll(async () => db?.close());

  it("gives exactly the hand-computed figures of the fixture month", async () => {
    const m = await reports().monthly({}, october, NOW);
    const expected: MonthlyFigures = {
      period: october,
      received: 5,
      repeats: 1,
      byChannel: [
        { key: "hotline", count: 3 },
        { key: "web", count: 2 },
      ],
      byCategory: [
        { key: "billing", count: 2 },
        { key: null, count: 2 },
        { key: "quality", count: 1 },
      ],
      bySeverity: [
        { key: "general", count: 3 },
        { key: "complex", count: 1 },
        { key: "major", count: 1 },
      ],
      byDepartment: [
        { key: "billing", count: 2 },
        { key: "logistics", count: 2 },
        { key: null, count: 1 },
      ],
      closed: 4,
      closedInvalid: 1,
      handling: { measured: 4, averageSeconds: 90000, p90Seconds: 133200 },
      onTime: [
        { kind: "first_reply", onTime: 2, late: 1 },
        { kind: "result", onTime: 0, late: 2 },
        { kind: "close", onTime: 2, late: 1 },
      ],
      callbacks: { total: 4, satisfied: 3 },
      responsibility: [
        { departmentId: "billing", complaints: 2, sharePoints: 170 },
        { departmentId: "logistics", complaints: 2, sharePoints: 130 },
      ],
      compensation: {
        requested: { count: 3, amount: "1150.75" },
        approved: { count: 2, amount: "300.50" },
        rejected: { count: 1, amount: "50.25" },
      },
    };
    expect(m).toEqual(expected);
  });

  it("leaves deadlines not yet due out of the on-time rate", async () => {
    const m = await reports().monthly({}, october, new Date("2026-10-20T02:00:00Z"));
    // C4's result deadline (due 31 October) is still running on the 20th.
    expect(m.onTime.find((r) => r.kind === "result")).toEqual({
      kind: "result",
      onTime: 0,
      late: 1,
    });
  });

  it("filters by department and by channel", async () => {
    const billing = await reports().monthly({ departmentId: "billing" }, october, NOW);
    expect(billing.received).toBe(2);
    expect(billing.closed).toBe(3);
    // 36000, 72000, 144000: mean 84000; p90 = 72000 + 0.8 * 72000.
    expect(billing.handling).toEqual({ measured: 3, averageSeconds: 84000, p90Seconds: 129600 });
    expect(billing.byDepartment).toEqual([{ key: "billing", count: 2 }]);
    expect(billing.compensation.approved).toEqual({ count: 2, amount: "300.50" });
    const web = await reports().monthly({ channel: "web" }, october, NOW);
    expect([web.received, web.repeats, web.closed]).toEqual([2, 1, 1]);
    expect(web.onTime).toEqual([
      { kind: "first_reply", onTime: 0, late: 1 },
      { kind: "result", onTime: 0, late: 1 },
    ]);
  });

  it("gives the previous month its own figures", async () => {
    const september = await reports().monthly({}, monthPeriod(2026, 9, TZ), NOW);
    expect(september.received).toBe(1);
    expect(september.closed).toBe(0);
    expect(september.handling).toEqual({ measured: 0, averageSeconds: null, p90Seconds: null });
    expect(september.compensation.requested).toEqual({ count: 1, amount: "200.00" });
    expect(september.onTime).toEqual([]);
  });

  it("groups the month per agent and per department", async () => {
    const agents = await reports().grouped("agent", {}, october, NOW);
    expect(agents).toEqual([
      {
        key: "bob",
        handled: 2,
        open: 1,
        onTime: { onTime: 3, late: 1 },
        callbacks: { total: 2, satisfied: 2 },
        averageHandlingSeconds: 90000,
      },
      {
        key: "leo",
        handled: 1,
        open: 1,
        onTime: { onTime: 0, late: 2 },
        callbacks: { total: 1, satisfied: 1 },
        averageHandlingSeconds: 108000,
      },
      {
        key: "hana",
        handled: 1,
        open: 0,
        onTime: { onTime: 1, late: 1 },
        callbacks: { total: 1, satisfied: 0 },
        averageHandlingSeconds: 72000,
      },
    ]);
    const depts = await reports().grouped("dept", {}, october, NOW);
    expect(depts).toEqual([
      {
        key: "billing",
        handled: 3,
        open: 1,
        onTime: { onTime: 4, late: 2 },
        callbacks: { total: 3, satisfied: 2 },
        averageHandlingSeconds: 84000,
      },
      {
        key: "logistics",
        handled: 1,
        open: 1,
        onTime: { onTime: 0, late: 2 },
        callbacks: { total: 1, satisfied: 1 },
        averageHandlingSeconds: 108000,
      },
    ]);
  });

  it("gives the trend month by month", async () => {
    const periods = monthsEndingWith(monthPeriod(2026, 11, TZ), 3, TZ);
    expect(await reports().trend({}, periods, NOW)).toEqual([
      { label: "2026-09", received: 1, closed: 0, onTime: { onTime: 0, late: 0 } },
      { label: "2026-10", received: 5, closed: 4, onTime: { onTime: 4, late: 4 } },
      { label: "2026-11", received: 1, closed: 0, onTime: { onTime: 0, late: 1 } },
    ]);
  });
});
