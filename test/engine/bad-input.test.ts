import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../helpers/db.ts";
import {
  createTestEngine,
  fingerprint,
  replyFields,
  seedTeam,
  type TestEngine,
} from "../helpers/engine.ts";

const open = 'open channel:hotline name:"Wang Li" contact:13800138000';

/** Each case: who runs it, the line, the expected code and words the message must contain. */
const cases: [string, string, string, string, RegExp][] = [
  [
    "unknown command",
    "amy",
    "complaint frobnicate id:TS-2611-0001",
    "E_UNKNOWN_COMMAND",
    /unknown command "frobnicate"/,
  ],
  [
    "typo in a command",
    "amy",
    "complaint opne channel:hotline",
    "E_UNKNOWN_COMMAND",
    /did you mean open\?/,
  ],
  [
    "unknown subcommand",
    "admin",
    "complaint staff fire id:bob",
    "E_UNKNOWN_COMMAND",
    /staff takes one of: add, edit, list, role, link/,
  ],
  [
    "missing option",
    "amy",
    `${open}`,
    "E_VALIDATION",
    /content: missing \(what the customer complains about\)/,
  ],
  [
    "unknown option",
    "amy",
    `${open} content:x contnet:y`,
    "E_VALIDATION",
    /no option contnet \(did you mean content\?\)/,
  ],
  [
    "malformed number",
    "amy",
    "show id:2611-1",
    "E_VALIDATION",
    /id: "2611-1" must be a complaint number such as TS-2611-0001/,
  ],
  [
    "malformed time",
    "amy",
    `${open} content:x received:yesterday`,
    "E_VALIDATION",
    /received: "yesterday" must be an ISO-8601 time/,
  ],
  [
    "time in the future",
    "amy",
    `${open} content:x received:2030-01-01T00:00Z`,
    "E_VALIDATION",
    /is in the future/,
  ],
  ["bad choice", "amy", `${open} content:x channel2:x`, "E_VALIDATION", /channel2/],
  [
    "bad phone number",
    "amy",
    'open channel:hotline name:"Wang Li" contact:12345 content:x',
    "E_VALIDATION",
    /contact: "12345" is not a phone number or e-mail/,
  ],
  [
    "bad e-mail",
    "amy",
    'open channel:hotline name:"Wang Li" contact:wang@ content:x',
    "E_VALIDATION",
    /is not a phone number or e-mail/,
  ],
  [
    "10 kB content",
    "amy",
    `${open} content:"${"x".repeat(10_240)}"`,
    "E_VALIDATION",
    /content: "x{40}"… \(10240 characters\) is too long \(4000 characters at most\)/,
  ],
  [
    "control characters",
    "amy",
    `${open} content:"refund\u0007now"`,
    "E_VALIDATION",
    /content: .* contains control characters/,
  ],
  [
    "bidi override",
    "amy",
    `${open} content:"abc\u202Edef"`,
    "E_VALIDATION",
    /contains control characters/,
  ],
  ["empty value", "amy", `${open} content:""`, "E_VALIDATION", /content: "" must not be empty/],
  ["unterminated quote", "amy", `${open} content:"Charged twice`, "E_PARSE", /never closed/],
  [
    "unknown complaint",
    "amy",
    "show id:TS-2611-0099",
    "E_NOT_FOUND",
    /there is no complaint TS-2611-0099/,
  ],
  [
    "unknown department",
    "amy",
    `${open} content:x dept:nowhere`,
    "E_NOT_FOUND",
    /there is no department nowhere/,
  ],
  [
    "wrong state",
    "carol",
    `resolve id:TS-2611-0001 result:"done" ${replyFields()}`,
    "E_INVALID_STATE",
    /TS-2611-0001 is registered; this needs a complaint that is assigned, in progress/,
  ],
  [
    "wrong role",
    "amy",
    "staff add id:zed name:Zed role:admin",
    "E_FORBIDDEN",
    /needs the role admin or higher; you are agent/,
  ],
  [
    "agent resolving",
    "amy",
    `resolve id:TS-2611-0001 result:"done" ${replyFields()}`,
    "E_FORBIDDEN",
    /needs the role handler or higher/,
  ],
  [
    "outsider acting on a case",
    "hana",
    "assign id:TS-2611-0001 to:hana",
    "E_FORBIDDEN",
    /only TS-2611-0001's owner \(amy\) or a manager may assign it/,
  ],
  [
    "assigning to an agent",
    "carol",
    "assign id:TS-2611-0001 to:amy",
    "E_FORBIDDEN",
    /amy is an agent; complaints go to handlers or managers/,
  ],
  [
    "assigning to nobody known",
    "carol",
    "assign id:TS-2611-0001 to:ghost",
    "E_UNKNOWN_STAFF",
    /ghost is not in the staff directory/,
  ],
  [
    "stale version",
    "carol",
    "assign id:TS-2611-0001 to:bob version:0",
    "E_VALIDATION",
    /version: "0" must be a whole number from 1/,
  ],
  [
    "stale version",
    "carol",
    "assign id:TS-2611-0001 to:bob version:7",
    "E_CONFLICT",
    /TS-2611-0001 changed since version 7 \(now version 1\)/,
  ],
  [
    "unknown actor",
    "mallory",
    `${open} content:x`,
    "E_UNKNOWN_STAFF",
    /you \(mallory\) are not in the staff directory/,
  ],
  [
    "duplicate staff",
    "admin",
    'staff add id:bob name:"Bob" role:handler',
    "E_DUPLICATE",
    /bob is already in the staff directory/,
  ],
  ["empty line", "amy", "complaint", "E_UNKNOWN_COMMAND", /no command given/],
];

describe.each(databaseKinds)("bad input on %s", (kind) => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine(kind);
    await seedTeam(t);
    await t.ok("amy", `${open} content:"Charged twice for May"`);
  });
  afterAll(async () => t?.close());

  it.each(cases)("%s: %s", async (_what, actor, line, code, message) => {
    const before = await fingerprint(t);
    const outcome = await t.run(actor, line);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe(code);
    expect(outcome.error.message).toMatch(message);
    expect(outcome.text).toBe(`${code}: ${outcome.error.message}`);
    expect(await fingerprint(t)).toBe(before);
  });

  it("names every problem of a command at once, with the fields for modals", async () => {
    const outcome = await t.run("amy", "open channel:fax contact:123");
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.details?.fields).toEqual({
      channel: expect.stringContaining("must be one of hotline"),
      name: "missing",
      contact: expect.stringContaining("is not a phone number"),
      content: "missing",
    });
  });

  it("a version that matches lets the change through", async () => {
    const r = await t.ok("carol", "assign id:TS-2611-0001 to:bob version:1");
    expect(r.complaint?.version).toBe(2);
  });

  it("a failure half-way through a command rolls back everything before it", async () => {
    // A repeat complaint writes the new case, its audit rows and outbox event;
    // a unique-number clash on insert must leave none of them behind.
    await t.ok("bob", `resolve id:TS-2611-0001 result:"Refunded" ${replyFields()}`);
    await t.ok("amy", "callback id:TS-2611-0001 satisfied:yes resolved:yes");
    await t.ok("amy", "close id:TS-2611-0001");
    await t.db.prisma.$executeRaw`UPDATE monthly_counter SET value = 0`;
    const before = await fingerprint(t);
    const outcome = await t.engine.execute('reopen id:TS-2611-0001 reason:"again"', "amy");
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.code).toBe("E_INTERNAL");
    expect(await fingerprint(t)).toBe(before);
  });
});
