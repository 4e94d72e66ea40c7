// A month of complaints (October 2026, Asia/Shanghai) written straight into
// the tables, so every statistic has a number computed by hand:
//
//   received in October: C1 C2 C3 C4 C5 (5); C3 repeats C0         -> repeats 1
//   channel  hotline C1 C2 C5 (3), web C3 C4 (2)
//   category billing C1 C3 (2), none C4 C5 (2), quality C2 (1)
//   severity general C1 C3 C5 (3), complex C2 (1), major C4 (1)
//   dept     billing C1 C2 (2), logistics C3 C4 (2), none C5 (1)
//   closed in October, handled: C0 C1 C2 C3 (4); invalid: C5 (1)
//   handling seconds 36000 72000 108000 144000 -> average 90000 (25 h),
//     p90 = 108000 + 0.7 * 36000 = 133200 (37 h)
//   callbacks in October: C0 yes, C1 yes, C2 no, C3 yes -> 3 of 4
//   deadlines due in October (now 2026-11-05):
//     first_reply: C1 on, C2 on (met exactly at due), C4 late (unmet) -> 2/1
//     result:      C1 late (met after due), C4 late                    -> 0/2
//     close:       C1 on (closed before due), C2 late (closed after), C0 on -> 2/1
//     left out: C5's (invalid), C4's paused stage, C4's close (due in November)
//   responsibility (closed in October, handled): C1 billing 100,
//     C2 billing 70 + logistics 30, C0 logistics 100 (C5's is invalid)
//     -> billing 2 complaints 170 points, logistics 2 complaints 130 points
//   compensation: requested in October P1 100.50, P3 50.25, P4 1000.00
//     (3, 1150.75); approved in October P1, P2 200.00 (2, 300.50);
//     rejected P3 (1, 50.25); P5 is November's
import type { PrismaClient } from "../../src/generated/prisma/client.ts";

export const NOW = new Date("2026-11-05T02:00:00Z");
export const TZ = "Asia/Shanghai";

const at = (local: string) => new Date(`${local}+08:00`);

interface Row {
  n: string;
  received: string;
  channel: string;
  category: string | null;
  severity: string;
  dept: string | null;
  assignee: string | null;
  status: string;
  valid?: boolean;
  closed?: string;
  handling?: number;
  callback?: [string, boolean];
  repeatOf?: string;
  contact?: string;
}

const rows: Row[] = [
  {
    n: "C0",
    received: "2026-09-20T10:00",
    channel: "hotline",
    category: "billing",
    severity: "general",
    dept: "billing",
    assignee: "bob",
    status: "closed",
    closed: "2026-10-02T10:00",
    handling: 144000,
    callback: ["2026-10-01T10:00", true],
  },
  {
    n: "C1",
    received: "2026-10-05T10:00",
    channel: "hotline",
    category: "billing",
    severity: "general",
    dept: "billing",
    assignee: "bob",
    status: "closed",
    valid: true,
    closed: "2026-10-10T10:00",
    handling: 36000,
    callback: ["2026-10-09T10:00", true],
    contact: "13800138001",
  },
  {
    n: "C2",
    received: "2026-10-06T10:00",
    channel: "hotline",
    category: "quality",
    severity: "complex",
    dept: "billing",
    assignee: "hana",
    status: "closed",
    closed: "2026-10-20T10:00",
    handling: 72000,
    callback: ["2026-10-19T10:00", false],
    contact: "wang@example.com",
  },
  {
    n: "C3",
    received: "2026-10-07T10:00",
    channel: "web",
    category: "billing",
    severity: "general",
    dept: "logistics",
    assignee: "leo",
    status: "closed",
    closed: "2026-10-25T10:00",
    handling: 108000,
    callback: ["2026-10-24T10:00", true],
    repeatOf: "C0",
  },
  {
    n: "C4",
    received: "2026-10-08T10:00",
    channel: "web",
    category: null,
    severity: "major",
    dept: "logistics",
    assignee: "leo",
    status: "in_progress",
  },
  {
    n: "C5",
    received: "2026-10-09T10:00",
    channel: "hotline",
    category: null,
    severity: "general",
    dept: null,
    assignee: null,
    status: "closed",
    valid: false,
    closed: "2026-10-09T11:00",
  },
  {
    n: "C6",
    received: "2026-11-02T10:00",
    channel: "hotline",
    category: "billing",
    severity: "general",
    dept: "billing",
    assignee: "bob",
    status: "in_progress",
  },
];

/** Complaint number of fixture row `n` (C0 … C6). */
export const number = (n: string) => `TS-2610-000${n.slice(1)}`;

export async function seedMonth(prisma: PrismaClient): Promise<Map<string, string>> {
  for (const id of ["billing", "logistics"]) {
    const name = id === "billing" ? "账务部" : "物流部";
    await prisma.department.upsert({ where: { id }, create: { id, name }, update: { name } });
  }
  const ids = new Map<string, string>();
  for (const r of rows) {
    const c = await prisma.complaint.create({
      data: {
        number: number(r.n),
        status: r.status,
        channel: r.channel,
        complainantName: `客户 ${r.n}`,
        contact: r.contact ?? `1380013800${r.n.slice(1)}`,
        content: `内容 ${r.n}, "quoted", line\nbreak`,
        receivedAt: at(r.received),
        category: r.category,
        severity: r.severity,
        departmentId: r.dept,
        ownerId: "amy",
        assigneeId: r.assignee,
        createdById: "amy",
        valid: r.valid ?? (r.status === "closed" ? true : null),
        closedAt: r.closed ? at(r.closed) : null,
        handlingSeconds: r.handling ?? null,
        callbackAt: r.callback ? at(r.callback[0]) : null,
        callbackSatisfied: r.callback ? r.callback[1] : null,
        repeatOfId: r.repeatOf ? (ids.get(r.repeatOf) ?? null) : null,
      },
    });
    ids.set(r.n, c.id);
  }
  const id = (n: string) => ids.get(n) ?? "";
  const deadline = (n: string, kind: string, due: string | null, met: string | null = null) => ({
    complaintId: id(n),
    kind,
    clock: "calendar",
    startedAt: at("2026-10-01T00:00"),
    dueAt: due ? at(due) : null,
    metAt: met ? at(met) : null,
    remainingMs: due ? null : 3_600_000n,
    pausedAt: due ? null : at("2026-10-12T00:00"),
  });
  await prisma.complaintDeadline.createMany({
    data: [
      deadline("C1", "first_reply", "2026-10-07T10:00", "2026-10-05T12:00"),
      deadline("C1", "result", "2026-10-09T18:00", "2026-10-10T09:00"),
      deadline("C1", "close", "2026-10-18T10:00"),
      deadline("C2", "first_reply", "2026-10-08T10:00", "2026-10-08T10:00"),
      deadline("C2", "close", "2026-10-19T10:00"),
      deadline("C4", "first_reply", "2026-10-10T10:00"),
      deadline("C4", "result", "2026-10-31T20:00"),
      deadline("C4", "close", "2026-11-03T10:00"),
      deadline("C4", "stage:market", null),
      deadline("C5", "first_reply", "2026-10-11T10:00"),
      deadline("C0", "close", "2026-10-03T10:00", "2026-10-02T10:00"),
    ],
  });
  await prisma.responsibility.createMany({
    data: [
      { complaintId: id("C1"), departmentId: "billing", share: 100 },
      { complaintId: id("C2"), departmentId: "billing", share: 70 },
      { complaintId: id("C2"), departmentId: "logistics", share: 30 },
      { complaintId: id("C0"), departmentId: "logistics", share: 100 },
      { complaintId: id("C5"), departmentId: "billing", share: 100 },
    ],
  });
  const money = (
    key: string,
    n: string,
    amount: string,
    created: string,
    status: string,
    decided: string | null,
  ) => ({
    id: key,
    complaintId: id(n),
    amount,
    loss: amount,
    reason: "refund",
    requestedById: "bob",
    approverRole: "dept-manager",
    status,
    createdAt: at(created),
    decidedAt: decided ? at(decided) : null,
    decidedById: decided ? "carol" : null,
  });
  await prisma.compensation.createMany({
    data: [
      money("P1", "C1", "100.50", "2026-10-06T10:00", "approved", "2026-10-07T10:00"),
      money("P2", "C2", "200.00", "2026-09-28T10:00", "approved", "2026-10-02T10:00"),
      money("P3", "C3", "50.25", "2026-10-20T10:00", "rejected", "2026-10-21T10:00"),
      money("P4", "C4", "1000.00", "2026-10-30T10:00", "pending", null),
      money("P5", "C6", "9.99", "2026-11-03T10:00", "pending", null),
    ],
  });
  return ids;
}
