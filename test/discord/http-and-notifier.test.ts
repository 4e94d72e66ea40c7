// The side of the adapter that needs no gateway. The HTTP interactions
// endpoint: Ed25519 signatures checked before anything else, PING answered, a
// slash command deferred in the HTTP response and finished over REST,
// autocomplete answered inline. The notifier: DMs and team alerts from core
// notifications, through the fake REST API.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { INTERACTIONS_PATH } from "../../adapters/discord/http.ts";
import { autocomplete, slash } from "./fake/interactions.ts";
import {
  CARD_CHANNEL,
  forToken,
  isEdit,
  MANAGEMENT_CHANNEL,
  people,
  startHarness,
  type Harness,
} from "./harness.ts";

import { DiscordRateLimitedError } from "../../adapters/discord/rest.ts";
import type { Notification } from "../../src/core/notifications/notification.ts";
import { relayOutbox } from "../../src/worker/outbox-relay.ts";
let h: Harness;
let privateKey: KeyObject;
let url = "";

beforeAll(async () => {
  const pair = generateKeyPairSync("ed25519");
  privateKey = pair.privateKey;
  const spki = pair.publicKey.export({ format: "der", type: "spki" });
  h = await startHarness({ gateway: false, publicKey: spki.subarray(-32).toString("hex") });
  url = `http://127.0.0.1:${h.bot.httpPort}${INTERACTIONS_PATH}`;
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  h.fake.clearInjections();
  // Emptied each time, so one test's contract breach is not blamed on the next.
  expect(h.fake.problems.splice(0)).toEqual([]);
});

function post(body: unknown, opts: { key?: KeyObject; timestamp?: number; tamper?: boolean } = {}) {
  const raw = JSON.stringify(body);
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(ts + raw), opts.key ?? privateKey).toString("hex");
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-signature-ed25519": signature,
      "x-signature-timestamp": ts,
    },
    body: opts.tamper ? raw.replace("list", "help") : raw,
  });
}

/** What the database holds, as one comparable value. */
async function state(): Promise<string> {
  const rows = await h.db.prisma.$queryRaw<{ f: string }[]>`
    SELECT concat_ws('|', (SELECT count(*) FROM staff), (SELECT count(*) FROM staff_identity),
      (SELECT count(*) FROM audit_event), (SELECT count(*) FROM complaint),
      (SELECT count(*) FROM outbox_event), (SELECT count(*) FROM inbound_key),
      (SELECT count(*) FROM chat_message)) AS f`;
  return rows[0]?.f ?? "";
}

describe("Discord HTTP interactions endpoint", () => {
  it("answers PING with PONG", async () => {
    const res = await post({ id: "1", application_id: "1", type: 1, token: "t", version: 1 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 1 });
  });

  it("refuses a bad signature with 401 and writes nothing", async () => {
    const before = await state();
    const calls = h.fake.calls.length;
    const newcomer = { id: "1000000000000000077", username: "eve", roles: ["1500000000000000001"] };
    const other = generateKeyPairSync("ed25519").privateKey;
    for (const res of [
      await post(slash(newcomer, ["list"]), { key: other }),
      await post(slash(newcomer, ["list"]), { tamper: true }),
      await post(slash(newcomer, ["list"]), { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
      await fetch(url, { method: "POST", body: JSON.stringify(slash(newcomer, ["list"])) }),
    ]) {
      expect(res.status).toBe(401);
    }
    // Not even the member with a mapped role was added.
    expect(await state()).toBe(before);
    expect(h.fake.calls.length).toBe(calls);
  });

  it("defers a slash command in the HTTP response and edits the answer over REST", async () => {
    const p = slash(people.carol, ["list"]);
    const mark = h.fake.calls.length;
    const res = await post(p);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await h.fake.waitFor((c) => isEdit(c) && forToken(p.token)(c), mark);
    expect(JSON.stringify(edit.body)).toMatch(/complaint|0/i);
  });

  it("answers autocomplete in the HTTP response", async () => {
    const res = await post(
      autocomplete(people.carol, ["assign"], "to", "car", { id: "TS-2611-0001" }),
    );
    const body = (await res.json()) as { type: number; data: { choices: { value: string }[] } };
    expect(body.type).toBe(8);
    expect(body.data.choices.map((c) => c.value)).toEqual(["carol"]);
  });

  it("opens a modal in the HTTP response", async () => {
    const res = await post(slash(people.carol, ["open"], { channel: "hotline" }));
    const body = (await res.json()) as { type: number; data: { custom_id: string } };
    expect(body.type).toBe(9);
    expect(body.data.custom_id).toBe("m:open channel:hotline");
  });
});

const dmRoute = "/users/@me/channels";
const postTo = (channel: string) => (c: { method: string; path: string }) =>
  c.method === "POST" && c.path === `/channels/${channel}/messages`;

describe("Discord notifier", () => {
  it("delivers the outbox: an assignment DM to the linked handler, the new case to the team channel", async () => {
    await h.ok(
      "carol",
      'open channel:hotline name:"Wang Li" contact:13800138000 content:"Charged twice" dept:billing',
    );
    const number =
      (await h.db.prisma.complaint.findFirst({ orderBy: { createdAt: "desc" } }))?.number ?? "";
    await h.ok("carol", `assign id:${number} to:bob`);
    const mark = h.fake.calls.length;
    await relayOutbox(h.db.prisma, h.bot.notifier);
    const alert = await h.fake.waitFor(postTo(CARD_CHANNEL), mark);
    expect(String((alert.body as { content: string }).content)).toContain(number);
    const open = await h.fake.waitFor((c) => c.path === dmRoute, mark);
    expect(open.body).toEqual({ recipient_id: people.bob.id });
    const dm = await h.fake.waitFor(
      (c) =>
        c.method === "POST" &&
        /^\/channels\/\d+\/messages$/.test(c.path) &&
        c.path !== `/channels/${CARD_CHANNEL}/messages`,
      mark,
    );
    const body = dm.body as {
      content: string;
      nonce: string;
      enforce_nonce: boolean;
      components: unknown[];
    };
    expect(body.content).toContain("assigned to you");
    expect(body.content).not.toContain("13800138000");
    expect(body.enforce_nonce).toBe(true);
    expect(body.nonce.length).toBeLessThanOrEqual(25);
    expect(JSON.stringify(body.components)).toContain(`c:show id:${number}`);
  });

  it("renders approval buttons carried by a notification", async () => {
    const mark = h.fake.calls.length;
    const n: Notification = {
      kind: "dm",
      to: "carol",
      text: "Approve compensation CP-2611-0001 (1200.00)?",
      complaint: "TS-2611-0001",
      key: "77:dm:carol",
      urgent: true,
      actions: [
        {
          id: "approve",
          label: "Approve",
          command: "complaint approve id:CP-2611-0001",
          style: "primary",
        },
        {
          id: "reject",
          label: "Reject",
          command: "complaint approve id:CP-2611-0001 decision:reject",
          style: "danger",
        },
      ],
    };
    await h.bot.notifier.send(n);
    const dm = await h.fake.waitFor(
      (c) => c.method === "POST" && /^\/channels\/\d+\/messages$/.test(c.path),
      mark,
    );
    const ids = JSON.stringify((dm.body as { components: unknown }).components);
    expect(ids).toContain("c:approve id:CP-2611-0001");
    expect(ids).toContain("c:show id:TS-2611-0001");
  });

  it("logs and skips unmapped teams and unlinked people", async () => {
    const mark = h.fake.calls.length;
    await h.bot.notifier.send({ kind: "channel", to: "legal", text: "x", key: "1:channel:legal" });
    await h.ok("admin", 'staff add id:dora name:"Dora" role:handler dept:billing');
    await h.bot.notifier.send({ kind: "dm", to: "dora", text: "x", key: "1:dm:dora" });
    expect(h.fake.calls.length).toBe(mark);
  });

  it("drops what no retry can fix (403) and throws what a retry may fix (500)", async () => {
    h.fake.inject(postTo(MANAGEMENT_CHANNEL), {
      status: 403,
      body: { message: "Missing Access", code: 50001 },
    });
    await expect(
      h.bot.notifier.send({
        kind: "channel",
        to: "management",
        text: "x",
        key: "3:channel:management",
      }),
    ).resolves.toBeUndefined();
    h.fake.inject(
      postTo(MANAGEMENT_CHANNEL),
      { status: 500, body: { message: "oops", code: 0 } },
      10,
    );
    await expect(
      h.bot.notifier.send({
        kind: "channel",
        to: "management",
        text: "x",
        key: "4:channel:management",
      }),
    ).rejects.toThrow();
  });
  it("throws retryAfterMs on a 429 instead of waiting, and respects the global limit (last: it stays limited)", async () => {
    h.fake.inject(postTo(MANAGEMENT_CHANNEL), {
      status: 429,
      headers: { "retry-after": "7", "x-ratelimit-global": "true", "x-ratelimit-scope": "global" },
      body: { message: "You are being rate limited.", retry_after: 7, global: true },
    });
    const started = Date.now();
    const error = await h.bot.notifier
      .send({
        kind: "channel",
        to: "management",
        text: "Overdue: TS-2611-0001",
        key: "2:channel:management",
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(DiscordRateLimitedError);
    expect((error as DiscordRateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(7_000);
    expect((error as DiscordRateLimitedError).global).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    // The global limit holds for every route: the next post does not even reach Discord.
    const mark = h.fake.calls.length;
    await expect(
      h.bot.notifier.send({ kind: "channel", to: "billing", text: "x", key: "5:channel:billing" }),
    ).rejects.toBeInstanceOf(DiscordRateLimitedError);
    expect(h.fake.calls.length).toBe(mark);
  });
});
