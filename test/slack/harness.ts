/**
 * The Slack adapter against a fake Slack: a real App on its own PostgreSQL
 * test database, Bolt on a random local port, and helpers that send what
 * Slack sends, signed as Slack signs it.
 */
import { createHmac, randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { createSlackAdapter, type SlackAdapter } from "../../adapters/slack/app.ts";
import type { SlackBackend } from "../../adapters/slack/backend.ts";
import { ChannelPacer } from "../../adapters/slack/rate-limiter.ts";
import { createApp, type App } from "../../src/app.ts";
import { loadConfig, type SlackConfig } from "../../src/config/env.ts";
import { createLogger, type Logger } from "../../src/logging.ts";
import { relayOutbox } from "../../src/worker/outbox-relay.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { FakeSlackApi } from "./fake-slack-api.ts";

export const SIGNING_SECRET = "test-signing-secret";
export const BILLING_CHANNEL = "C0BILLING";
export const MANAGEMENT_CHANNEL = "C0MGMT";

/** Slack users of the seeded team: linked (bob), matchable by e-mail (amy, carol), unknown (stranger). */
export const users = {
  bob: "U0BOB",
  amy: "U0AMY",
  carol: "U0CAROL",
  admin: "U0ADMIN",
  stranger: "U0STRANGER",
} as const;

export interface Harness {
  db: TestDatabase;
  app: App;
  slack: FakeSlackApi;
  adapter: SlackAdapter;
  /** http://127.0.0.1:P/slack/events (HTTP mode). */
  eventsUrl: string;
  logs: string[];
  acks: string[];
  close(): Promise<void>;
  /** Delivers pending notifications through the adapter's notifier, as the worker would. */
  relay(): Promise<number>;
  complaintCount(): Promise<number>;
}

export interface HarnessOptions {
  socket?: boolean;
  oauth?: boolean;
  /** Wrap the backend (e.g. hold the engine back). */
  wrap?: (app: App) => SlackBackend;
  config?: Partial<SlackConfig>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db = await createTestDatabase("postgres");
  const logs: string[] = [];
  const acks: string[] = [];
  const logger: Logger = createLogger("info", {
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString("utf8"));
        done();
      },
    }),
  });
  const config = loadConfig({
    DATABASE_URL: db.url,
    ADMINS: "admin",
    LOG_LEVEL: "silent",
    ...(options.oauth
      ? {
          SLACK_CLIENT_ID: "123.456",
          SLACK_CLIENT_SECRET: "client-secret",
          SLACK_STATE_SECRET: "state-secret",
          SLACK_TEAM_ID: "T0OAUTH",
        }
      : { SLACK_BOT_TOKEN: "xoxb-test" }),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    ...(options.socket ? { SLACK_APP_TOKEN: "xapp-test" } : {}),
    SLACK_CHANNELS: `billing=${BILLING_CHANNEL},management=${MANAGEMENT_CHANNEL}`,
  });
  const app = await createApp({ config, logger });
  const slack = await FakeSlackApi.start();
  const adapter = createSlackAdapter({
    backend: options.wrap ? options.wrap(app) : app,
    config: { ...config.slack, apiUrl: slack.apiUrl, port: 0, ...options.config },
    logger,
    pacer: new ChannelPacer({ intervalMs: 5 }),
    retry: { attempts: 3, maxWaitMs: 3_000 },
    host: "127.0.0.1",
    onAck: (what) => acks.push(what),
  });
  await seed(app, slack);
  const { port } = await adapter.start();
  return {
    db,
    app,
    slack,
    adapter,
    eventsUrl: `http://127.0.0.1:${port ?? 0}/slack/events`,
    logs,
    acks,
    relay: () => relayOutbox(app.db.prisma, adapter.notifier),
    complaintCount: () => app.db.prisma.complaint.count(),
    async close() {
      await adapter.stop().catch(() => undefined);
      await slack.close();
      await app.close();
      await db.close();
    },
  };
}

async function seed(app: App, slack: FakeSlackApi): Promise<void> {
  for (const line of [
    'staff add id:gm name:"Gao Ming" role:gm',
    'staff add id:carol name:"Carol Wu" role:dept-manager dept:billing manager:gm email:carol@example.com',
    'staff add id:bob name:"Bob Chen" role:handler dept:billing manager:carol email:bob@example.com',
    'staff add id:amy name:"Amy Li" role:agent dept:billing manager:carol email:amy@example.com',
    `staff link id:bob platform:slack user:${users.bob}`,
    `staff link id:admin platform:slack user:${users.admin}`,
  ]) {
    const outcome = await app.engine.execute(`complaint ${line}`, "admin");
    if (!outcome.ok) throw new Error(`${line}: ${outcome.text}`);
  }
  slack.users.set(users.bob, { id: users.bob, email: "bob@example.com" });
  slack.users.set(users.amy, { id: users.amy, email: "AMY@example.com" });
  slack.users.set(users.carol, { id: users.carol, email: "carol@example.com" });
  slack.users.set(users.stranger, { id: users.stranger, email: "stranger@elsewhere.example" });
}

// ------------------------------------------------------------ signed requests

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SendOptions {
  secret?: string;
  /** Seconds; default now. */
  timestamp?: number;
  retryNum?: number;
}

export interface Sent {
  status: number;
  body: string;
  /** Milliseconds from sending to the complete response (the ack). */
  ms: number;
}

export async function post(
  url: string,
  body: string,
  contentType: string,
  options: SendOptions = {},
): Promise<Sent> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": sign(options.secret ?? SIGNING_SECRET, timestamp, body),
      ...(options.retryNum
        ? { "x-slack-retry-num": String(options.retryNum), "x-slack-retry-reason": "http_timeout" }
        : {}),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text, ms: performance.now() - started };
}

export function slashBody(
  h: Harness,
  text: string,
  user: string,
  extra: Record<string, string> = {},
): string {
  const trigger = `trig-${randomBytes(6).toString("hex")}`;
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: h.slack.teamId,
    team_domain: "test",
    channel_id: BILLING_CHANNEL,
    channel_name: "billing",
    user_id: user,
    user_name: user.toLowerCase(),
    command: "/complaint",
    text,
    api_app_id: "A0TEST",
    response_url: h.slack.responseUrl(trigger),
    trigger_id: trigger,
    ...extra,
  }).toString();
}

export function slash(
  h: Harness,
  text: string,
  user: string,
  options: SendOptions = {},
): Promise<Sent> {
  return post(h.eventsUrl, slashBody(h, text, user), "application/x-www-form-urlencoded", options);
}

export function interaction(
  h: Harness,
  payload: Record<string, unknown>,
  options: SendOptions = {},
): Promise<Sent> {
  return post(
    h.eventsUrl,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    "application/x-www-form-urlencoded",
    options,
  );
}

export function eventCallback(h: Harness, event: Record<string, unknown>): Promise<Sent> {
  const body = JSON.stringify({
    token: "legacy",
    team_id: h.slack.teamId,
    api_app_id: "A0TEST",
    type: "event_callback",
    event_id: `Ev${randomBytes(5).toString("hex")}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: h.slack.teamId, user_id: "U0BOT", is_bot: true }],
    event,
  });
  return post(h.eventsUrl, body, "application/json");
}

/** A button press on a message, as Slack sends it. */
export function buttonPayload(
  h: Harness,
  user: string,
  button: { action_id: string; value: string; text: string },
  where: { channel: string; messageTs: string; messageText?: string },
): Record<string, unknown> {
  const trigger = `trig-${randomBytes(6).toString("hex")}`;
  return {
    type: "block_actions",
    team: { id: h.slack.teamId, domain: "test" },
    user: { id: user, username: user.toLowerCase(), team_id: h.slack.teamId },
    api_app_id: "A0TEST",
    token: "legacy",
    trigger_id: trigger,
    response_url: h.slack.responseUrl(trigger),
    container: {
      type: "message",
      message_ts: where.messageTs,
      channel_id: where.channel,
      is_ephemeral: false,
    },
    channel: { id: where.channel, name: "x" },
    message: { type: "message", ts: where.messageTs, text: where.messageText ?? "" },
    actions: [
      {
        type: "button",
        action_id: button.action_id,
        block_id: "b1",
        text: { type: "plain_text", text: button.text },
        value: button.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

interface ButtonJson {
  type: string;
  action_id: string;
  value: string;
  text: { text: string };
}

/** The buttons of a recorded blocks payload (JSON string or array). */
export function buttonsOf(blocks: unknown): ButtonJson[] {
  const list = (typeof blocks === "string" ? JSON.parse(blocks) : blocks) as {
    type: string;
    elements?: ButtonJson[];
    accessory?: ButtonJson;
  }[];
  return list.flatMap((b) => [
    ...(b.type === "actions" ? (b.elements ?? []) : []),
    ...(b.accessory?.type === "button" ? [b.accessory] : []),
  ]);
}

export function deferred(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
