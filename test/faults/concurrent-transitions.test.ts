/**
 * The issue: "100 concurrent conflicting transitions on one complaint:
 * exactly one wins per version; the audit trail replays to the final state."
 *
 * Real engine, real PostgreSQL (READ COMMITTED, the app's pool of 4). Each
 * round fires 100 commands at one complaint at once (Promise.all), a mix of
 * assign / wait / resume / resolve / escalate / triage / note / contact /
 * stage / callback / close / reopen by its owner, assignee, manager and an
 * outsider:
 * - pinned rounds: every command carries `version:` of the state they all
 *   saw, so at most one may win, and the rest must be told E_CONFLICT (or
 *   another coded refusal), never E_INTERNAL;
 * - free rounds: no `version:`, so commands that start after a commit may
 *   win too, but every winner owns a distinct version and the versions stay
 *   gapless.
 * A loser leaves nothing behind (its note, contact attempt); afterwards the
 * trail of every complaint replays to its row and the outbox has one event
 * per notifying change (audit-helpers.ts).
 *
 * FC_SEED picks the mixes (default fixed); SOAK=1 runs 4x the rounds.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Outcome } from "../../src/core/reply/reply.ts";
import { Engine } from "../../src/core/engine.ts";
import { prismaUnitOfWork } from "../../src/store/unit-of-work.ts";
import {
  createTestEngine,
  replyFields,
  seedTeam,
  testCalendar,
  type TestEngine,
} from "../helpers/engine.ts";
import { codeOf, expectTrailReplays } from "./audit-helpers.ts";

const SOAK = process.env["SOAK"] === "1";
const SEED = Number(process.env["FC_SEED"] ?? 20261123);
const ROUNDS = SOAK ? 20 : 5;
const CONCURRENT = 100;

/** One kind of command: who sends it and its line (without `version:`). */
interface Kind {
  name: string;
  actor: string;
  line: (id: string) => string;
  /** Writes a row of its own (note, contact attempt) before the version check. */
  writes?: "note" | "attempt";
  /** Not in free rounds: on a case closed meanwhile it opens a repeat instead of failing. */
  pinnedOnly?: boolean;
}

const kinds: Kind[] = [
  { name: "assign-hana", actor: "carol", line: (id) => `assign id:${id} to:hana` },
  { name: "assign-bob", actor: "carol", line: (id) => `assign id:${id} to:bob` },
  { name: "assign-carol", actor: "amy", line: (id) => `assign id:${id} to:carol` },
  {
    name: "wait-customer",
    actor: "bob",
    line: (id) => `wait id:${id} on:customer reason:"Customer sends photos"`,
  },
  {
    name: "wait-third-party",
    actor: "carol",
    line: (id) => `wait id:${id} on:third-party reason:"Courier investigates"`,
  },
  { name: "resume-bob", actor: "bob", line: (id) => `resume id:${id}` },
  { name: "resume-carol", actor: "carol", line: (id) => `resume id:${id}` },
  {
    name: "resolve",
    actor: "bob",
    line: (id) => `resolve id:${id} result:"Refunded the duplicate" ${replyFields()}`,
  },
  {
    name: "resolve-manager",
    actor: "carol",
    line: (id) => `resolve id:${id} result:"Refund approved" ${replyFields("carol")}`,
  },
  {
    name: "escalate",
    actor: "amy",
    line: (id) => `escalate id:${id} reason:"Customer wants a supervisor"`,
  },
  {
    name: "triage",
    actor: "carol",
    line: (id) => `triage id:${id} valid:yes category:billing justified:yes`,
  },
  {
    name: "note",
    actor: "bob",
    line: (id) => `note id:${id} text:"Called the customer"`,
    writes: "note",
  },
  {
    name: "note-outsider",
    actor: "hana",
    line: (id) => `note id:${id} text:"Not my case"`,
    writes: "note",
  },
  {
    name: "contact-reached",
    actor: "bob",
    line: (id) => `contact id:${id} outcome:reached note:"Explained the refund"`,
    writes: "attempt",
  },
  {
    name: "contact-failed",
    actor: "carol",
    line: (id) => `contact id:${id} outcome:unreachable`,
    writes: "attempt",
  },
  { name: "stage", actor: "carol", line: (id) => `stage id:${id} name:processing` },
  { name: "stage-market", actor: "bob", line: (id) => `stage id:${id} name:market` },
  {
    name: "callback-yes",
    actor: "amy",
    line: (id) => `callback id:${id} satisfied:yes resolved:yes`,
  },
  {
    name: "callback-no",
    actor: "carol",
    line: (id) => `callback id:${id} satisfied:no resolved:no`,
  },
  { name: "close", actor: "carol", line: (id) => `close id:${id} responsible:billing` },
  {
    name: "reopen",
    actor: "carol",
    line: (id) => `reopen id:${id} reason:"Refund never arrived"`,
    pinnedOnly: true,
  },
];

/** The message's last line: Prisma puts the database's own words there. */
function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  return `${typeof code === "string" ? `${code} ` : ""}${text.trim().split("\n").at(-1) ?? ""}`;
}

interface Shot {
  kind: Kind;
  line: string;
  outcome: Outcome;
}

describe("100 concurrent conflicting transitions on one complaint (PostgreSQL)", () => {
  let t: TestEngine;
  const touched = new Set<string>();
  beforeAll(async () => {
    t = await createTestEngine("postgres");
    await seedTeam(t);
  });
  afterAll(async () => t?.close());

  /** The complaint to aim at: the current one while it is open, else a fresh assigned one. */
  async function target(current: string | null): Promise<string> {
    if (current) {
      const row = await t.db.prisma.complaint.findUniqueOrThrow({ where: { number: current } });
      if (row.status !== "closed" && row.status !== "invalid") return current;
    }
    const opened = await t.ok(
      "amy",
      `open channel:hotline name:"Wang Li" contact:13800138000 content:"Charged twice" dept:billing`,
    );
    const number = opened.complaint?.number ?? "";
    await t.ok("carol", `assign id:${number} to:bob`);
    return number;
  }

  async function fire(
    number: string,
    mix: readonly Kind[],
    version: number | undefined,
  ): Promise<Shot[]> {
    const internal: string[] = [];
    // Its own engine, so each internal error is tied to its command (the
    // helper's `run` rethrows the first one for every later call).
    const engine = new Engine({
      uow: prismaUnitOfWork(t.db.prisma),
      policy: t.policy,
      clock: t.clock,
      calendar: testCalendar(t.policy),
      onInternalError: (error, { line, actorId }) =>
        internal.push(`${actorId}: ${line}: ${describeError(error)}`),
    });
    const shots = await Promise.all(
      mix.map(async (kind): Promise<Shot> => {
        const line =
          version === undefined ? kind.line(number) : `${kind.line(number)} version:${version}`;
        return { kind, line, outcome: await engine.execute(line, kind.actor) };
      }),
    );
    expect(internal, "internal errors (E_INTERNAL) under concurrency").toEqual([]);
    return shots;
  }

  async function sideRows(complaintId: string) {
    const [notes, attempts] = await Promise.all([
      t.db.prisma.complaintNote.count({ where: { complaintId } }),
      t.db.prisma.contactAttempt.count({ where: { complaintId } }),
    ]);
    return { notes, attempts };
  }

  it(
    "pinned rounds: at most one winner per version, losers coded, no leftovers; free rounds: one winner per version, gapless",
    async () => {
      const mixes = fc.sample(
        fc.array(fc.constantFrom(...kinds), { minLength: CONCURRENT, maxLength: CONCURRENT }),
        { seed: SEED, numRuns: ROUNDS * 2 },
      );
      let number: string | null = null;
      const summary: string[] = [];
      for (let round = 0; round < ROUNDS * 2; round++) {
        const pinned = round % 2 === 0;
        number = await target(number);
        const before = await t.db.prisma.complaint.findUniqueOrThrow({ where: { number } });
        touched.add(before.id);
        const rowsBefore = await sideRows(before.id);
        const auditBefore = await t.db.prisma.auditEvent.count({
          where: { complaintId: before.id },
        });
        // From callback_done a close may win and a later reopen then opens a
        // repeat despite its stale version: the it.fails below, not this race.
        const mix = (mixes[round] ?? []).filter(
          (k) =>
            (pinned || !k.pinnedOnly) &&
            !(k.name === "reopen" && before.status === "callback_done"),
        );
        const shots = await fire(number, mix, pinned ? before.version : undefined);

        const codes = new Map<string, number>();
        for (const s of shots) {
          const code = codeOf(s.outcome, `${s.kind.actor}: ${s.line}`) ?? "ok";
          codes.set(code, (codes.get(code) ?? 0) + 1);
        }
        const winners = shots.filter(
          (s): s is Shot & { outcome: Extract<Outcome, { ok: true }> } => s.outcome.ok,
        );
        // A reopen of a resolved case and its repeat are told apart by the number.
        const onThis = winners.filter((s) => s.outcome.complaint?.number === number);
        expect(onThis.length, "winners that changed another complaint").toBe(winners.length);
        const after = await t.db.prisma.complaint.findUniqueOrThrow({ where: { number } });
        if (pinned) {
          expect(
            winners.map((w) => w.line),
            `round ${round}: at most one winner for version ${before.version}`,
          ).toHaveLength(Math.min(winners.length, 1));
        }
        const versions = winners
          .map((w) => w.outcome.complaint?.version ?? -1)
          .sort((a, b) => a - b);
        expect(versions, `round ${round}: the winners' versions`).toEqual(
          winners.map((_, i) => before.version + i + 1),
        );
        expect(after.version).toBe(before.version + winners.length);

        // The audit rows of this round are the winners', one per version.
        const audits = await t.db.prisma.auditEvent.findMany({
          where: { complaintId: before.id },
          orderBy: { id: "asc" },
          skip: auditBefore,
        });
        const changes = audits.filter((a) => a.version !== null);
        expect(changes.map((a) => a.version)).toEqual(versions);

        // Losers roll back what they wrote before the version check.
        const rowsAfter = await sideRows(before.id);
        const won = (w: Kind["writes"]) => winners.filter((s) => s.kind.writes === w).length;
        expect(rowsAfter.notes - rowsBefore.notes, "notes of losers left behind").toBe(won("note"));
        expect(rowsAfter.attempts - rowsBefore.attempts, "attempts of losers left behind").toBe(
          won("attempt"),
        );

        summary.push(
          `${pinned ? "pinned" : "free"} v${before.version} ${before.status}: ${winners
            .map((w) => w.kind.name)
            .join(",")} won; ${[...codes].map(([c, n]) => `${c}×${n}`).join(" ")}`,
        );
      }
      let changes = 0;
      let events = 0;
      for (const id of touched) {
        const report = await expectTrailReplays(t.db.prisma, id);
        changes += report.changes;
        events += report.events;
      }
      console.info(
        `[faults] ${ROUNDS * 2} rounds of ${CONCURRENT} concurrent commands (seed ${SEED}) on ${touched.size} complaint(s); ` +
          `trails replay: ${changes} changes, ${events} outbox events\n  ${summary.join("\n  ")}`,
      );
    },
    SOAK ? 600_000 : 120_000,
  );

  it("wait and resolve at once on an assigned case, 20 times: the loser is told E_CONFLICT, never E_INTERNAL", async () => {
    // wait writes the case's deadlines, then the case; resolve writes the
    // case, then its deadlines: two transactions that lock in opposite orders.
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const number = await target(null);
      const shots = await fire(
        number,
        [
          kinds.find((k) => k.name === "wait-customer"),
          kinds.find((k) => k.name === "resolve"),
        ].filter((k): k is Kind => k !== undefined),
        undefined,
      );
      outcomes.push(shots.map((s) => (s.outcome.ok ? "ok" : s.outcome.error.code)).join("+"));
    }
    const counts = new Map<string, number>();
    for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
    console.info(
      `[faults] wait+resolve at once: ${[...counts].map(([o, n]) => `${o}×${n}`).join(" ")}`,
    );
  }, 60_000);

  // To decide: a stale `version:` is refused everywhere else (README,
  // "Text grammar"), but reopen of a closed case ignores it and opens a
  // repeat; reopens racing a close each open one (src/core/commands/reopen.ts).
  it("reopen with the version seen before a close is refused (E_CONFLICT), not turned into a repeat", async () => {
    const number = await target(null);
    await t.ok("bob", `resolve id:${number} result:"Refunded" ${replyFields()}`);
    await t.ok("amy", `callback id:${number} satisfied:yes resolved:yes`);
    const seen = await t.db.prisma.complaint.findUniqueOrThrow({ where: { number } });
    await t.ok("carol", `close id:${number} responsible:billing version:${seen.version}`);
    const late = await t.run(
      "carol",
      `reopen id:${number} reason:"Refund never arrived" version:${seen.version}`,
    );
    expect(late.ok ? late.text : late.error.code).toBe("E_CONFLICT");
  });
});
