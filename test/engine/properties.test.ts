import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/core/errors.ts";
import { databaseKinds } from "../helpers/db.ts";
import {
  createTestEngine,
  fingerprint,
  replyFields,
  seedTeam,
  type TestEngine,
} from "../helpers/engine.ts";

const actors = ["admin", "gm", "carol", "bob", "hana", "amy"] as const;
const handlers = ["bob", "hana", "carol", "amy", "gm", "ghost"] as const;

/** A command against the complaint under test; `v` shifts the version option (undefined: none). */
type Step = {
  actor: (typeof actors)[number];
  make: (id: string, version: number) => string;
  v: number | undefined;
};

const versioned = (line: string, version: number, v: number | undefined) =>
  v === undefined ? line : `${line} version:${Math.max(1, version + v)}`;

const stepArb: fc.Arbitrary<Step> = fc
  .record({
    actor: fc.constantFrom(...actors),
    v: fc.option(fc.integer({ min: -1, max: 1 }), { nil: undefined }),
    kind: fc.constantFrom("assign", "note", "resolve", "callback", "close", "reopen", "show"),
    to: fc.constantFrom(...handlers),
    yes: fc.boolean(),
    yes2: fc.boolean(),
  })
  .map(({ actor, v, kind, to, yes, yes2 }) => ({
    actor,
    v,
    make: (id: string, version: number) => {
      const yn = (b: boolean) => (b ? "yes" : "no");
      switch (kind) {
        case "assign":
          return versioned(`assign id:${id} to:${to}`, version, v);
        case "note":
          return versioned(`note id:${id} text:"checked"`, version, v);
        case "resolve":
          return versioned(`resolve id:${id} result:"fixed it" ${replyFields()}`, version, v);
        case "callback":
          return versioned(
            `callback id:${id} satisfied:${yn(yes)} resolved:${yn(yes2)}`,
            version,
            v,
          );
        case "close":
          return versioned(`close id:${id}`, version, v);
        case "reopen":
          return versioned(`reopen id:${id} reason:"customer called again"`, version, v);
        default:
          return `show id:${id}`;
      }
    },
  }));

const mutating = /^(assign|note|resolve|callback|close|reopen) /;
const allowedCodes = new Set<string>([
  ErrorCode.Forbidden,
  ErrorCode.InvalidState,
  ErrorCode.Conflict,
  ErrorCode.UnknownStaff,
]);

async function checkInvariants(t: TestEngine): Promise<void> {
  const complaints = await t.db.prisma.complaint.findMany();
  for (const c of complaints) {
    if (c.status === "closed")
      expect(
        c.resolution ?? c.invalidReason,
        `${c.number} closed without a resolution`,
      ).not.toBeNull();
    if (["assigned", "in_progress", "resolved", "callback_done"].includes(c.status))
      expect(c.assigneeId).not.toBeNull();
    // The audit trail replays to the current state.
    const trail = await t.db.prisma.auditEvent.findMany({
      where: { complaintId: c.id },
      orderBy: { id: "asc" },
    });
    const changes = trail.filter(
      (a) => a.version !== null && a.action !== "pii.read" && a.action !== "complaint.repeated",
    );
    expect(changes[0]?.action).toBe("complaint.opened");
    const state: Record<string, unknown> = {
      ...(changes[0]?.data as { snapshot: object }).snapshot,
    };
    let version = 0;
    for (const entry of changes) {
      expect(entry.version, `${c.number}: versions strictly increase`).toBe(version + 1);
      version = entry.version ?? 0;
      const data = entry.data as { changes?: Record<string, unknown> };
      Object.assign(state, data.changes ?? {});
      if (entry.toStatus) expect(state.status ?? entry.toStatus).toBe(entry.toStatus);
    }
    expect(version).toBe(c.version);
    const current = c as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(state)) {
      const actual = current[key] instanceof Date ? current[key].toISOString() : current[key];
      expect(actual, `${c.number}.${key} replays`).toEqual(value);
    }
  }
}

describe.each(databaseKinds)("random command sequences on %s", (kind) => {
  let t: TestEngine;
  let opened = 0;
  beforeAll(async () => {
    t = await createTestEngine(kind);
    await seedTeam(t);
  });
  afterAll(async () => t?.close());

  it("never break an invariant, and every failure is coded and changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 14 }), async (steps) => {
        opened++;
        const created = await t.ok(
          "amy",
          `open channel:hotline name:"Customer" contact:13800138000 content:"Case ${opened}"`,
        );
        let id = created.complaint?.number ?? "";
        for (const step of steps) {
          const row = await t.db.prisma.complaint.findUniqueOrThrow({ where: { number: id } });
          const line = step.make(id, row.version);
          const before = await fingerprint(t);
          const outcome = await t.run(step.actor, line);
          if (!outcome.ok) {
            expect(allowedCodes.has(outcome.error.code), `${line}: ${outcome.text}`).toBe(true);
            expect(await fingerprint(t)).toBe(before);
            continue;
          }
          const after = await t.db.prisma.complaint.findUniqueOrThrow({ where: { number: id } });
          if (mutating.test(line)) {
            if (outcome.complaint && outcome.complaint.number !== id) {
              // A repeat complaint: the closed one is left exactly as it was.
              expect(after).toEqual(row);
              id = outcome.complaint.number;
            } else {
              expect(after.version).toBe(row.version + 1);
            }
          } else {
            expect(after.version).toBe(row.version);
          }
        }
        await checkInvariants(t);
      }),
      { numRuns: kind === "postgres" ? 40 : 25 },
    );
  });
});
