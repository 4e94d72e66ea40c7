// The monthly summary carries its charts: the scheduled job (and `stats
// post:yes`) writes the figures to the outbox, the worker relays them, and
// each platform gets the text with four PNGs: Slack as one files.uploadV2
// share with the text as its comment, Discord as attachments of one message,
// a webhook as base64 in its JSON. Deliveries go through the real worker
// (BullMQ on the local Redis, the delivery ledger in PostgreSQL) to the fake
// platforms, which check every call against the platforms' API descriptions.
// Discord before Slack: Bolt loads undici 7, which installs its Agent as the
// process-wide dispatcher when it is the first undici to load, and
// discord.js's undici 6 then hands it multipart bodies (attachments) it
// cannot read. The apps import Discord first too (src/main.ts, src/worker/main.ts).
import {
  MANAGEMENT_CHANNEL as DISCORD_MANAGEMENT,
  people,
  startHarness as startDiscord,
  type Harness as DiscordHarness,
} from "../discord/harness.ts";
import {
  MANAGEMENT_CHANNEL as SLACK_MANAGEMENT,
  startHarness as startSlack,
  users,
  type Harness as SlackHarness,
} from "../slack/harness.ts";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { monthlyPost, monthlyPostFacts } from "../../src/core/reports/monthly-post.ts";
import { translator } from "../../src/core/i18n/translate.ts";
import type { Notifier } from "../../src/core/notifications/notifier.ts";
import type { App } from "../../src/app.ts";
import { createLogger } from "../../src/logging.ts";
import { DeliveryLedger } from "../../src/worker/delivery-ledger.ts";
import { deliveryProcessor } from "../../src/worker/delivery.ts";
import { Metrics } from "../../src/worker/metrics.ts";
import type { DeliverJob } from "../../src/worker/queues.ts";
import { WorkerRuntime } from "../../src/worker/runtime.ts";
import { WebhookNotifier } from "../../src/worker/webhook-notifier.ts";
import { wallTime } from "../../src/core/time/zoned.ts";
import type { Call as DiscordCall } from "../discord/fake/discord.ts";
import type { Job } from "bullmq";

const REDIS_URL = "redis://127.0.0.1:6379";
const logger = createLogger(process.env.MC_LOG === "1" ? "debug" : "silent");
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The PNG inside an upload body, and its size from the IHDR chunk. */
function pngIn(body: Buffer | undefined): { width: number; height: number; bytes: number } {
  const data = body ?? Buffer.alloc(0);
  const start = data.indexOf(PNG_SIGNATURE);
  const end = data.indexOf(Buffer.from("IEND"), start);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const png = data.subarray(start, end + 8);
  expect(png.toString("latin1", 12, 16)).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bytes: png.length };
}

/** The month the scheduled job reports on: the one before now, in the policy's zone. */
function lastMonth(app: App): string {
  const now = wallTime(new Date(), app.policy.timezone);
  const y = now.month === 1 ? now.year - 1 : now.year;
  const m = now.month === 1 ? 12 : now.month - 1;
  return `${y}-${String(m).padStart(2, "0")}`;
}

/** Polls `check` until it gives something, for up to 10 s. */
async function poll<T>(what: string, check: () => Promise<T | null | undefined>): Promise<T> {
  const until = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const chartTitles = (scope: string) => [
  `Complaints per month, to ${scope}`,
  `By category, ${scope}`,
  `By department, ${scope}`,
  `On time (%), ${scope}`,
];

/** The worker as `npm run worker` runs it, on its own queue prefix, relaying every 100 ms. */
async function startWorker(app: App, notifiers: Record<string, Notifier>): Promise<WorkerRuntime> {
  const runtime = new WorkerRuntime({
    app,
    redisUrl: REDIS_URL,
    notifiers,
    logger,
    prefix: `{monthly-charts-${randomBytes(4).toString("hex")}}`,
    concurrency: 2,
    relayIntervalMs: 100,
    // Not during the test: the reconciler has nothing to do here.
    reconcileEvery: "0 0 1 1 *",
  });
  await runtime.start();
  return runtime;
}

async function stopWorker(runtime: WorkerRuntime | undefined): Promise<void> {
  if (!runtime) return;
  // The shared Redis keeps nothing of this test.
  for (const q of runtime.queues.all()) await q.obliterate({ force: true }).catch(() => undefined);
  await runtime.close();
}

describe("Slack: the monthly summary with its charts", { timeout: 60_000 }, () => {
  let h: SlackHarness;
  let runtime: WorkerRuntime | undefined;

  beforeAll(async () => {
    h = await startSlack();
    // carol reads Chinese: her reminder comes in Chinese, the channel post in the policy's English.
    for (const line of [
      `staff link id:carol platform:slack user:${users.carol}`,
      "staff edit id:carol locale:zh-CN",
    ]) {
      const outcome = await h.app.engine.execute(`complaint ${line}`, "admin");
      if (!outcome.ok) throw new Error(outcome.text);
    }
    runtime = await startWorker(h.app, { slack: h.adapter.notifier });
  });
  afterAll(async () => {
    await stopWorker(runtime);
    await h?.close();
  });
  afterEach(() => {
    expect(h.slack.violations).toEqual([]);
  });

  it("the scheduled job shares the text and four PNG charts in the management channel once, though the first share fails", async () => {
    const worker = runtime as WorkerRuntime;
    const month = lastMonth(h.app);
    h.slack.failNext("files.completeUploadExternal", { status: 500 });
    await worker.queues.maintenance.add("monthly-reminder", {});

    const shared = await h.slack.waitFor(
      () => h.slack.callsTo("files.completeUploadExternal").find((c) => c.ok),
      "the summary shared with its charts",
      30_000,
    );
    expect(shared.args["channel_id"]).toBe(SLACK_MANAGEMENT);
    expect(String(shared.args["initial_comment"]).split("\n").slice(0, 2)).toEqual([
      `Complaint statistics ${month}`,
      "Received: 0",
    ]);
    const files = JSON.parse(String(shared.args["files"])) as { id: string; title: string }[];
    expect(files.map((f) => f.title)).toEqual(chartTitles(month));
    for (const f of files) {
      expect(pngIn(h.slack.uploadBytes.get(f.id))).toMatchObject({ width: 800, height: 450 });
    }
    // The first attempt uploaded but never shared (Slack drops such uploads); the retry shared once.
    expect(h.slack.callsTo("files.completeUploadExternal").map((c) => c.ok)).toEqual([false, true]);
    const names = h.slack.callsTo("files.getUploadURLExternal").map((c) => c.args["filename"]);
    expect(names).toEqual(expect.arrayContaining([`trend-${month}.png`, `on-time-${month}.png`]));
    // The text came with the charts: no separate message in the channel.
    expect(
      h.slack.callsTo("chat.postMessage").filter((c) => c.args["channel"] === SLACK_MANAGEMENT),
    ).toEqual([]);
    // Marked sent in the ledger once Slack has answered, after two claims.
    const row = await poll("the delivery marked sent", () =>
      h.app.db.prisma.notificationDelivery.findFirst({
        where: { key: { endsWith: ":channel:management@slack" }, status: "sent" },
      }),
    );
    expect(row).toMatchObject({ status: "sent", attempts: 2 });

    // The reminder DM in carol's language.
    const reminder = await h.slack.waitFor(
      () => h.slack.callsTo("chat.postMessage").find((c) => c.args["channel"] === "D0CAROL"),
      "carol's reminder",
      30_000,
    );
    expect(String(reminder.args["text"])).toContain(`${month} 月度投诉汇总须在本月 10 日前完成`);

    // A retried job posts nothing new, and a delivery of a sent key is skipped by the ledger.
    const before = h.slack.calls.length;
    await worker.queues.maintenance.add("monthly-reminder", {});
    await new Promise((r) => setTimeout(r, 1500));
    await worker.relayOnce();
    const deliver = deliveryProcessor({
      ledger: new DeliveryLedger(h.app.db.prisma),
      notifiers: { slack: h.adapter.notifier },
      metrics: new Metrics(worker.queues),
      logger,
    });
    const event = await h.app.db.prisma.outboxEvent.findFirstOrThrow({
      where: { type: "report.monthly" },
    });
    const facts = monthlyPostFacts(event.payload as Record<string, unknown>);
    if (!facts) throw new Error("the event carries no figures");
    const post = monthlyPost(translator("en"), facts, h.app.policy);
    const job = {
      data: {
        notification: {
          kind: "channel",
          to: "management",
          text: post.text,
          key: row.key,
          charts: post.charts,
        },
        platform: "slack",
        dueAt: Date.now(),
      },
    } as unknown as Job<DeliverJob>;
    expect(await deliver(job)).toBe("duplicate");
    expect(await h.app.db.prisma.outboxEvent.count({ where: { type: "report.monthly" } })).toBe(1);
    expect(
      h.slack.calls
        .slice(before)
        .filter((c) => c.method.startsWith("files.") || c.args["channel"] === SLACK_MANAGEMENT),
    ).toEqual([]);
  });

  it("stats post:yes delivers the chosen month's summary with its charts", async () => {
    const outcome = await h.app.engine.execute(
      "complaint stats month:2026-10 post:yes charts:no",
      "admin",
    );
    expect(outcome.ok && outcome.text).toBe(
      "Complaint statistics 2026-10: 0 received, 0 closed, posted to #management",
    );
    const shared = await h.slack.waitFor(
      () =>
        h.slack
          .callsTo("files.completeUploadExternal")
          .find((c) => c.ok && String(c.args["initial_comment"]).includes("2026-10")),
      "the 2026-10 summary",
      30_000,
    );
    expect(shared.args["channel_id"]).toBe(SLACK_MANAGEMENT);
    const files = JSON.parse(String(shared.args["files"])) as { id: string; title: string }[];
    expect(files.map((f) => f.title)).toEqual(chartTitles("2026-10"));
    for (const f of files) expect(pngIn(h.slack.uploadBytes.get(f.id)).bytes).toBeGreaterThan(1000);
  });
});

describe("Discord: the monthly summary with its charts", { timeout: 60_000 }, () => {
  let h: DiscordHarness;
  let runtime: WorkerRuntime | undefined;
  const isPost = (channel: string) => (c: DiscordCall) =>
    c.method === "POST" && c.path === `/channels/${channel}/messages`;

  beforeAll(async () => {
    h = await startDiscord({ gateway: false });
    await h.ok("admin", "staff edit id:carol locale:zh-CN");
    runtime = await startWorker(h.app, { discord: h.bot.notifier });
  });
  afterAll(async () => {
    await stopWorker(runtime);
    await h?.close();
  });
  afterEach(() => {
    expect(h.fake.problems.splice(0)).toEqual([]);
  });

  it("the scheduled job posts the text with the four PNGs attached, and carol's reminder in Chinese", async () => {
    const month = lastMonth(h.app);
    const mark = h.fake.calls.length;
    await runtime?.queues.maintenance.add("monthly-reminder", {});
    const post = await h.fake.waitFor(isPost(DISCORD_MANAGEMENT), mark, 30_000);
    const body = post.body as { content: string; attachments: { id: string; filename: string }[] };
    expect(body.content.split("\n")[0]).toBe(`Complaint statistics ${month}`);
    const names = [`trend`, `category`, `department`, `on-time`].map((c) => `${c}-${month}.png`);
    expect(body.attachments).toEqual(names.map((filename, i) => ({ id: String(i), filename })));
    expect(post.files.map((f) => f.name)).toEqual(names);
    for (const f of post.files) expect(f.size).toBeGreaterThan(1000);
    const dm = await h.fake.waitFor(
      (c) =>
        c.method === "POST" &&
        /^\/channels\/\d+\/messages$/.test(c.path) &&
        String((c.body as { content?: string }).content).includes("月度投诉汇总"),
      mark,
      30_000,
    );
    expect(dm.files).toEqual([]);
    const opened = h.fake.calls
      .slice(mark)
      .find((c) => c.path === "/users/@me/channels" && c.method === "POST");
    expect(opened?.body).toEqual({ recipient_id: people.carol.id });
  });

  it("stats post:yes posts the chosen month's summary with its charts attached", async () => {
    const mark = h.fake.calls.length;
    await h.ok("admin", "stats month:2026-10 post:yes");
    const post = await h.fake.waitFor(isPost(DISCORD_MANAGEMENT), mark, 30_000);
    expect((post.body as { content: string }).content.split("\n")[0]).toBe(
      "Complaint statistics 2026-10",
    );
    expect(post.files.map((f) => f.name)).toEqual([
      "trend-2026-10.png",
      "category-2026-10.png",
      "department-2026-10.png",
      "on-time-2026-10.png",
    ]);
  });
});

describe("webhook: the charts travel as base64 in the same request", () => {
  it("posts the text and the PNGs under the notification's Idempotency-Key", async () => {
    const received: { key: string | undefined; body: Record<string, unknown> }[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({
          key: req.headers["idempotency-key"] as string | undefined,
          body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const facts = {
        month: "2026-10",
        filter: {},
        department: null,
        figures: {
          received: 2,
          repeats: 0,
          byChannel: [{ key: "hotline", count: 2 }],
          byCategory: [{ key: "billing", count: 2 }],
          bySeverity: [{ key: "general", count: 2 }],
          byDepartment: [{ key: "billing", count: 2 }],
          closed: 1,
          closedInvalid: 0,
          handling: { measured: 1, averageSeconds: 3600, p90Seconds: 3600 },
          onTime: [{ kind: "first_reply", onTime: 1, late: 1 }],
          callbacks: { total: 1, satisfied: 1 },
          responsibility: [],
          compensation: {
            requested: { count: 0, amount: "0.00" },
            approved: { count: 0, amount: "0.00" },
            rejected: { count: 0, amount: "0.00" },
          },
        },
        trend: [{ label: "2026-10", received: 2, closed: 1, onTime: { onTime: 1, late: 1 } }],
        currency: "CNY",
        departments: { billing: "Billing" },
      };
      const post = monthlyPost(translator("zh-CN"), facts, undefined);
      await new WebhookNotifier(`http://127.0.0.1:${port}/hook`).send({
        kind: "channel",
        to: "management",
        text: post.text,
        key: "42:channel:management@webhook",
        charts: post.charts,
      });
      expect(received).toHaveLength(1);
      const [{ key, body } = { key: undefined, body: {} }] = received;
      expect(key).toBe("42:channel:management@webhook");
      expect(String(body.text).split("\n")[0]).toBe("投诉统计 2026-10");
      const files = body.files as {
        filename: string;
        contentType: string;
        bytes: number;
        title: string;
        base64: string;
      }[];
      expect(files.map((f) => [f.filename, f.title])).toEqual([
        ["trend-2026-10.png", "月度投诉量（截至 2026-10）"],
        ["category-2026-10.png", "按投诉类别统计（2026-10）"],
        ["department-2026-10.png", "按部门统计（2026-10）"],
        ["on-time-2026-10.png", "各项时限按时率（%）（2026-10）"],
      ]);
      for (const f of files) {
        const png = Buffer.from(f.base64, "base64");
        expect(f.contentType).toBe("image/png");
        expect(png.length).toBe(f.bytes);
        expect(pngIn(png)).toMatchObject({ width: 800, height: 450 });
      }
      // A notification without charts keeps the body it always had.
      await new WebhookNotifier(`http://127.0.0.1:${port}/hook`).send({
        kind: "dm",
        to: "bob",
        text: "x",
        key: "43:dm:bob@webhook",
      });
      expect(Object.keys(received[1]?.body ?? {})).toEqual([
        "kind",
        "to",
        "text",
        "complaint",
        "key",
        "urgent",
      ]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
