/**
 * The adapter's pure parts, one describe per concern (kept in one file so
 * the suite pays for one test process instead of five): request signatures,
 * per-channel pacing, command planning and Slack's text escaping, the Slack
 * settings, and Web API retries against the fake.
 */
import { createHmac } from "node:crypto";
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackEnabled } from "../../adapters/slack/main.ts";
import { bindActor, planLine, unescapeSlackText } from "../../adapters/slack/plan.ts";
import { ChannelPacer } from "../../adapters/slack/rate-limiter.ts";
import { signRequest, verifySlackSignature } from "../../adapters/slack/verify.ts";
import { slackClientOptions, withRetries } from "../../adapters/slack/web-api.ts";
import { defaultHolidayCalendar } from "../../src/calendar/chinese-days.ts";
import { loadConfig } from "../../src/config/env.ts";
import { isConfigError } from "../../src/config/errors.ts";
import { BusinessCalendar } from "../../src/core/calendar/business-calendar.ts";
import { Engine } from "../../src/core/engine.ts";
import { defaultPolicy } from "../../src/core/policy/schema.ts";
import type { UnitOfWork } from "../../src/core/ports.ts";
import { FakeSlackApi } from "./fake-slack-api.ts";

// ---------------------------------------------------------------- verify
const secret = "8f742231b10e8888abcd99yyyzzz85a5";
const now = 1_700_000_000_000;
const ts = String(now / 1000);
const body = "token=x&team_id=T1&command=%2Fcomplaint&text=help";
// Computed here the way Slack documents it, not with the code under test.
const slackSignature = (t: string, b: string, s = secret) =>
  `v0=${createHmac("sha256", s).update(`v0:${t}:${b}`).digest("hex")}`;

describe("Slack request signatures", () => {
  it("accepts what Slack signs", () => {
    expect(
      verifySlackSignature(
        { rawBody: body, timestamp: ts, signature: slackSignature(ts, body) },
        secret,
        now,
      ),
    ).toEqual({ ok: true });
    expect(signRequest(secret, ts, body)).toBe(slackSignature(ts, body));
  });

  it.each([
    [
      "another secret",
      { rawBody: body, timestamp: ts, signature: slackSignature(ts, body, "other") },
      "mismatch",
    ],
    [
      "a changed body",
      { rawBody: `${body}&x=1`, timestamp: ts, signature: slackSignature(ts, body) },
      "mismatch",
    ],
    ["no signature", { rawBody: body, timestamp: ts, signature: undefined }, "missing"],
    [
      "no timestamp",
      { rawBody: body, timestamp: undefined, signature: slackSignature(ts, body) },
      "missing",
    ],
    [
      "a v1 signature",
      { rawBody: body, timestamp: ts, signature: `v1=${"0".repeat(64)}` },
      "malformed",
    ],
    [
      "a non-numeric timestamp",
      { rawBody: body, timestamp: "soon", signature: slackSignature("soon", body) },
      "malformed",
    ],
  ])("refuses %s", (_what, request, reason) => {
    expect(verifySlackSignature(request, secret, now)).toEqual({ ok: false, reason });
  });

  it("refuses a correctly signed request outside five minutes, either way", () => {
    const at = (offsetSeconds: number) => {
      const t = String(now / 1000 + offsetSeconds);
      return verifySlackSignature(
        { rawBody: body, timestamp: t, signature: slackSignature(t, body) },
        secret,
        now,
      );
    };
    expect(at(-300)).toEqual({ ok: true });
    expect(at(300)).toEqual({ ok: true });
    expect(at(-301)).toEqual({ ok: false, reason: "stale" });
    expect(at(301)).toEqual({ ok: false, reason: "future" });
  });
});

// ---------------------------------------------------------------- rate-limiter
/** A clock the pacer sleeps on: sleeping moves it forward, nothing waits for real. */
function manualClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: (ms: number) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    sleeps,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("per-channel pacing of chat.postMessage", () => {
  it("spaces posts to one channel by the interval, in order", async () => {
    const clock = manualClock();
    const pacer = new ChannelPacer({ intervalMs: 1000, now: clock.now, sleep: clock.sleep });
    const started: [string, number][] = [];
    const post = (label: string) =>
      pacer.run("C1", () => {
        started.push([label, clock.now()]);
        return Promise.resolve(label);
      });
    expect(await Promise.all([post("a"), post("b"), post("c")])).toEqual(["a", "b", "c"]);
    expect(started).toEqual([
      ["a", 0],
      ["b", 1000],
      ["c", 2000],
    ]);
  });

  it("does not hold one channel back for another", async () => {
    const clock = manualClock();
    const pacer = new ChannelPacer({ intervalMs: 1000, now: clock.now, sleep: clock.sleep });
    await Promise.all([
      pacer.run("C1", () => Promise.resolve()),
      pacer.run("C2", () => Promise.resolve()),
    ]);
    expect(clock.sleeps).toEqual([]);
  });

  it("does not wait when the last post is long enough ago, and keeps going after a failure", async () => {
    const clock = manualClock();
    const pacer = new ChannelPacer({ intervalMs: 1000, now: clock.now, sleep: clock.sleep });
    await expect(pacer.run("C1", () => Promise.reject(new Error("429")))).rejects.toThrow("429");
    clock.advance(5000);
    await pacer.run("C1", () => Promise.resolve());
    expect(clock.sleeps).toEqual([]);
    await pacer.run("C1", () => Promise.resolve());
    expect(clock.sleeps).toEqual([1000]);
  });
});

// ---------------------------------------------------------------- plan
// Planning is pure: an engine whose database must never be touched.
const noDatabase: UnitOfWork = {
  transaction: () => Promise.reject(new Error("planning must not touch the database")),
};
const engine = new Engine({
  uow: noDatabase,
  policy: defaultPolicy(),
  clock: { now: () => new Date("2026-11-23T02:00:00Z") },
  calendar: BusinessCalendar.fromPolicy(defaultPolicy(), defaultHolidayCalendar()),
});

describe("planning a command line", () => {
  it("asks for a form when only required options are missing", () => {
    const plan = planLine(engine, "complaint open channel:hotline", { strict: true });
    expect(plan).toMatchObject({ kind: "form", words: ["open"], given: { channel: "hotline" } });
    expect(
      planLine(engine, "complaint resolve id:TS-2611-0001 version:3", { strict: false }),
    ).toMatchObject({
      kind: "form",
      words: ["resolve"],
      given: { id: "TS-2611-0001", version: "3" },
    });
  });

  it("runs typed text with other mistakes so the engine names them all", () => {
    expect(planLine(engine, "complaint open channel:fax", { strict: true })).toEqual({
      kind: "run",
    });
    expect(planLine(engine, "complaint nonsense", { strict: true })).toEqual({ kind: "run" });
    expect(planLine(engine, 'complaint open name:"unterminated', { strict: true })).toEqual({
      kind: "run",
    });
    expect(planLine(engine, "complaint help", { strict: true })).toEqual({ kind: "run" });
  });

  it("puts the presser where a card's line says @me, and nowhere else", () => {
    expect(bindActor("complaint assign id:TS-2611-0001 to:@me version:2", "bob")).toBe(
      "complaint assign id:TS-2611-0001 to:bob version:2",
    );
    expect(bindActor('complaint note id:TS-2611-0001 text:"mail me@me.com"', "bob")).toBe(
      'complaint note id:TS-2611-0001 text:"mail me@me.com"',
    );
  });

  it("undoes Slack's escaping of slash command text", () => {
    expect(
      unescapeSlackText(
        "staff link id:bob platform:slack user:<@U0BOB|bob> contact:<mailto:a@b.cn|a@b.cn> content:&lt;x&gt; &amp; <https://x.cn|x.cn>",
      ),
    ).toBe("staff link id:bob platform:slack user:U0BOB contact:a@b.cn content:<x> & x.cn");
  });
});

// ---------------------------------------------------------------- config
const failure = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (isConfigError(error)) return error.message;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("Slack settings", () => {
  it("one token and a signing secret: HTTP mode for one workspace", () => {
    const { slack } = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" });
    expect(slackEnabled(slack)).toBe(true);
    expect(slack).toMatchObject({ apiUrl: "https://slack.com/api/", port: 3000, channels: {} });
  });

  it("an app-level token needs no signing secret (Socket Mode)", () => {
    expect(
      slackEnabled(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).slack),
    ).toBe(true);
  });

  it("no token, no Slack", () => {
    expect(slackEnabled(loadConfig({}).slack)).toBe(false);
  });

  it("maps team channels and adds the API URL's trailing slash", () => {
    const { slack } = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
      SLACK_CHANNELS: "Billing=C0123, management=G0456",
      SLACK_API_URL: "http://127.0.0.1:9999/api",
    });
    expect(slack.channels).toEqual({ billing: "C0123", management: "G0456" });
    expect(slack.apiUrl).toBe("http://127.0.0.1:9999/api/");
  });

  it.each([
    [
      { SLACK_BOT_TOKEN: "xoxp-user-token", SLACK_SIGNING_SECRET: "s" },
      'SLACK_BOT_TOKEN="<redacted>": expected a bot token starting with xoxb-',
    ],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET=(unset)"],
    [
      { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_CHANNELS: "billing=#billing" },
      'not valid: "billing=#billing"',
    ],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_PORT: "0" }, "SLACK_PORT"],
    [{ SLACK_CLIENT_ID: "1.2", SLACK_SIGNING_SECRET: "s" }, "SLACK_CLIENT_SECRET=(unset)"],
    [
      {
        SLACK_CLIENT_ID: "1.2",
        SLACK_CLIENT_SECRET: "c",
        SLACK_STATE_SECRET: "t",
        SLACK_SIGNING_SECRET: "s",
        SLACK_BOT_TOKEN: "xoxb-1",
      },
      "not both",
    ],
  ])("refuses %j", (env, expected) => {
    expect(failure(env)).toContain(expected);
  });
});

// ---------------------------------------------------------------- web-api
describe("Web API calls from interactive paths", () => {
  let slack: FakeSlackApi;
  let client: webApi.WebClient;
  beforeAll(async () => {
    slack = await FakeSlackApi.start();
    client = new webApi.WebClient("xoxb-test", slackClientOptions(slack.apiUrl));
  });
  afterAll(async () => slack?.close());

  const post = () => client.chat.postMessage({ channel: "C1", text: "hello" });

  it("retries 429 and 5xx after the wait Slack asked for", async () => {
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    slack.failNext(
      "chat.postMessage",
      { status: 429, retryAfterSeconds: 2 },
      { status: 503, retryAfterSeconds: 1 },
    );
    const result = await withRetries("chat.postMessage", post, {
      attempts: 3,
      maxWaitMs: 10_000,
      sleep,
    });
    expect(result.ok).toBe(true);
    expect(waits).toEqual([2000, 1000]);
    expect(slack.callsTo("chat.postMessage").map((c) => c.ok)).toEqual([false, false, true]);
  });

  it("gives up when Slack asks for a longer wait than the policy allows, or refuses for good", async () => {
    const sleep = () => Promise.reject(new Error("must not wait"));
    slack.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 60 });
    await expect(
      withRetries("chat.postMessage", post, { attempts: 3, maxWaitMs: 10_000, sleep }),
    ).rejects.toMatchObject({
      code: "E_SLACK_RATE_LIMITED",
      retryAfterMs: 60_000,
    });
    slack.failNext("chat.postMessage", { error: "not_in_channel" });
    await expect(
      withRetries("chat.postMessage", post, { attempts: 3, maxWaitMs: 10_000, sleep }),
    ).rejects.toMatchObject({
      code: "E_SLACK_REFUSED",
      slackError: "not_in_channel",
    });
  });

  it("stops after the last attempt", async () => {
    const sleep = () => Promise.resolve();
    slack.failNext("chat.postMessage", { status: 500 }, { status: 500 });
    await expect(
      withRetries("chat.postMessage", post, { attempts: 2, maxWaitMs: 10_000, sleep }),
    ).rejects.toMatchObject({
      code: "E_SLACK_UNAVAILABLE",
    });
  });
});

describe("Slack chrome language", () => {
  it("follows the staff member's locale", async () => {
    const { chromeFor } = await import("../../adapters/slack/text.ts");
    expect(chromeFor("zh-CN").modalSubmit).toBe("提交");
    expect(chromeFor("en").modalSubmit).toBe("Submit");
    expect(chromeFor(null).homeTitle).toBe("Complaints");
    expect(chromeFor("zh-CN").unknownUser("U1")).toContain("platform:slack user:U1");
  });
});
