import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isSlackAdapterError } from "../../adapters/slack/errors.ts";
import type { Notification } from "../../src/core/notifications/notification.ts";
import {
  BILLING_CHANNEL,
  MANAGEMENT_CHANNEL,
  buttonPayload,
  buttonsOf,
  interaction,
  startHarness,
  users,
  type Harness,
} from "./harness.ts";

let seq = 0;
const note = (n: Omit<Notification, "key">): Notification => ({ ...n, key: `test-${++seq}` });

describe("Slack notifier", () => {
  let h: Harness;
  let number = "";
  beforeAll(async () => {
    h = await startHarness();
    const opened = await h.app.engine.execute(
      'complaint open channel:hotline name:"Wang Li" contact:13800138000 content:"Charged twice for May" dept:billing',
      "bob",
    );
    if (!opened.ok || !opened.complaint) throw new Error(opened.text);
    number = opened.complaint.number;
  });
  afterAll(async () => h?.close());
  afterEach(() => {
    expect(h.slack.violations).toEqual([]);
  });

  it("posts a new complaint's card to its team channel, without the customer's contact", async () => {
    expect(await h.relay()).toBeGreaterThan(0);
    const card = h.slack
      .callsTo("chat.postMessage")
      .find((c) => c.args["channel"] === BILLING_CHANNEL);
    expect(card).toBeDefined();
    const text = `${String(card?.args["text"])} ${String(card?.args["blocks"])}`;
    expect(text).toContain(number);
    expect(text).not.toContain("13800138000");
    expect(text).not.toContain("Wang Li");
    expect(buttonsOf(card?.args["blocks"]).map((b) => b.text.text)).toContain("Assign to me");
    expect(String(card?.args["blocks"])).toMatch(/Deadlines.*First reply/);
    expect(await h.app.chatMessages.get("slack", number)).toMatchObject({
      channelRef: BILLING_CHANNEL,
      messageRef: card?.args ? expect.any(String) : "",
    });
  });

  it("updates the card and threads later team posts; other channels get their own message", async () => {
    const card = await h.app.chatMessages.get("slack", number);
    await h.adapter.notifier.send(
      note({
        kind: "channel",
        to: "billing",
        text: "Overdue: first reply",
        complaint: number,
        urgent: true,
      }),
    );
    const thread = h.slack.callsTo("chat.postMessage").at(-1);
    expect(thread?.args).toMatchObject({ channel: BILLING_CHANNEL, thread_ts: card?.messageRef });
    expect(String(thread?.args["blocks"])).toContain(":rotating_light:");
    expect(h.slack.callsTo("chat.update").at(-1)?.args["ts"]).toBe(card?.messageRef);
    await h.adapter.notifier.send(
      note({
        kind: "channel",
        to: "management",
        text: `MAJOR complaint ${number}`,
        complaint: number,
      }),
    );
    const alert = h.slack.callsTo("chat.postMessage").at(-1);
    expect(alert?.args["channel"]).toBe(MANAGEMENT_CHANNEL);
    expect(alert?.args["thread_ts"]).toBeUndefined();
    expect((await h.app.chatMessages.get("slack", number))?.channelRef).toBe(BILLING_CHANNEL);
  });

  it("refreshes a card on request (for changes that notify nobody)", async () => {
    const card = await h.app.chatMessages.get("slack", number);
    const updates = h.slack.callsTo("chat.update").length;
    await h.adapter.notifier.refreshCard(number);
    expect(h.slack.callsTo("chat.update")).toHaveLength(updates + 1);
    expect(h.slack.callsTo("chat.update").at(-1)?.args["ts"]).toBe(card?.messageRef);
  });

  it("sends DMs to the staff member's linked Slack user", async () => {
    await h.adapter.notifier.send(
      note({ kind: "dm", to: "bob", text: `${number} was assigned to you`, complaint: number }),
    );
    expect(h.slack.callsTo("conversations.open").at(-1)?.args["users"]).toBe(users.bob);
    expect(h.slack.callsTo("chat.postMessage").at(-1)?.args).toMatchObject({
      channel: "D0BOB",
      text: `${number} was assigned to you`,
    });
  });

  it("skips (and logs once) an unmapped team and a staff member without a Slack account", async () => {
    const before = h.slack.calls.length;
    for (let i = 0; i < 2; i++) {
      await h.adapter.notifier.send(note({ kind: "channel", to: "logistics", text: "x" }));
      await h.adapter.notifier.send(note({ kind: "dm", to: "gm", text: "y" }));
    }
    expect(h.slack.calls.length).toBe(before);
    expect(
      h.logs.filter((l) => l.includes('no Slack channel for team \\"logistics\\"')),
    ).toHaveLength(1);
    expect(h.logs.filter((l) => l.includes("staff gm has no linked Slack account"))).toHaveLength(
      1,
    );
  });

  it("is idempotent by notification key", async () => {
    const n = note({ kind: "dm", to: "bob", text: "only once" });
    await h.adapter.notifier.send(n);
    await h.adapter.notifier.send(n);
    expect(
      h.slack.callsTo("chat.postMessage").filter((c) => c.args["text"] === "only once"),
    ).toHaveLength(1);
  });

  it("throws Slack's Retry-After on 429 and 5xx for the caller to schedule, and sends on the retry", async () => {
    const n = note({ kind: "dm", to: "bob", text: "rate limited at first" });
    h.slack.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 7 });
    const limited = await h.adapter.notifier.send(n).catch((e: unknown) => e);
    expect(isSlackAdapterError(limited)).toBe(true);
    expect(limited).toMatchObject({ code: "E_SLACK_RATE_LIMITED", retryAfterMs: 7000 });

    h.slack.failNext("chat.postMessage", { status: 503, retryAfterSeconds: 3 });
    const down = await h.adapter.notifier.send(n).catch((e: unknown) => e);
    expect(down).toMatchObject({ code: "E_SLACK_UNAVAILABLE", retryAfterMs: 3000 });

    h.slack.failNext("chat.postMessage", { error: "channel_not_found" });
    const refused = await h.adapter.notifier.send(n).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "E_SLACK_REFUSED",
      retryAfterMs: undefined,
      slackError: "channel_not_found",
    });

    await h.adapter.notifier.send(n);
    expect(
      h.slack
        .callsTo("chat.postMessage")
        .filter((c) => c.ok && c.args["text"] === "rate limited at first"),
    ).toHaveLength(1);
  });

  it("delivers a compensation approval with Approve / Reject, and the manager decides from the DM", async () => {
    await h.app.engine.execute(
      `complaint staff link id:carol platform:slack user:${users.carol}`,
      "admin",
    );
    const assigned = await h.app.engine.execute(`complaint assign id:${number} to:bob`, "bob");
    expect(assigned.ok).toBe(true);
    const asked = await h.app.engine.execute(
      `complaint compensate id:${number} amount:100 loss:100 reason:"Refund the duplicate charge"`,
      "bob",
    );
    expect(asked.text).toMatch(/CP-/);
    await h.relay();
    const dm = await h.slack.waitFor(
      () =>
        h.slack
          .callsTo("chat.postMessage")
          .find(
            (c) => c.args["channel"] === "D0CAROL" && String(c.args["blocks"]).includes("Approve"),
          ),
      "the approval DM",
    );
    const approve = buttonsOf(dm.args["blocks"]).find((b) => b.text.text === "Approve");
    if (!approve) throw new Error("no Approve button");
    const press = buttonPayload(
      h,
      users.carol,
      { action_id: approve.action_id, value: approve.value, text: "Approve" },
      { channel: "D0CAROL", messageTs: "1700000000.999999", messageText: String(dm.args["text"]) },
    );
    expect((await interaction(h, press)).status).toBe(200);
    const settled = await h.slack.waitFor(
      () => h.slack.responses.find((r) => r.body["replace_original"] === true),
      "the DM replaced by the decision",
    );
    expect(JSON.stringify(settled.body["blocks"])).toMatch(/approved/i);
    expect(buttonsOf(settled.body["blocks"])).toEqual([]);
    const row = await h.app.db.prisma.compensation.findFirst({ where: { complaint: { number } } });
    expect(row).toMatchObject({ status: "approved", decidedById: "carol" });
  });
});
