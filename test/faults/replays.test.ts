/**
 * The issue: "Slack retry replays and double-clicked buttons: no duplicate
 * complaint, approval or nudge."
 *
 * Slack over HTTP (Bolt, signed requests) against the fake Web API and a
 * PostgreSQL database of its own (test/slack/harness.ts); Discord over the
 * gateway against the fake Discord (test/discord/harness.ts). What
 * test/slack/http.e2e.test.ts and test/discord/gateway.test.ts already cover
 * (one sequential Slack retry, one assign double click) is not repeated;
 * here the replays arrive several times and at once, the buttons decide
 * money, and the notification paths (outbox relay, nudge jobs, delivery
 * jobs) are replayed too.
 */
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { createLogger } from "../../src/logging.ts";
import { relayOutbox } from "../../src/worker/outbox-relay.ts";
import { DeliveryLedger } from "../../src/worker/delivery-ledger.ts";
import { deliveryProcessor } from "../../src/worker/delivery.ts";
import { Metrics } from "../../src/worker/metrics.ts";
import { processNudge, type NudgeDeps } from "../../src/worker/nudge.ts";
import {
  jobId,
  Queues,
  redisConnection,
  type DeliverJob,
  type NudgeJob,
} from "../../src/worker/queues.ts";
import {
  BILLING_CHANNEL,
  buttonPayload,
  buttonsOf,
  interaction,
  post,
  slashBody,
  startHarness as startSlack,
  users,
  type Harness as SlackHarness,
} from "../slack/harness.ts";
import {
  CARD_CHANNEL,
  forToken,
  isCallback,
  isEdit,
  people,
  startHarness as startDiscord,
  type Harness as DiscordHarness,
} from "../discord/harness.ts";
import { button, slash as discordSlash } from "../discord/fake/interactions.ts";
import type { Call as DiscordCall } from "../discord/fake/discord.ts";
import { sleep, uniquePrefix, waitFor } from "./harness.ts";

const FORM = "application/x-www-form-urlencoded";
const REDIS_URL = process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379";
const ALREADY_HANDLED = "That was already done (a repeated click or a retry)";

const decidedText = (cp: string, number: string, status: string, by: string) =>
  `Compensation ${cp} on ${number} was ${status} by ${by}`;

describe("Slack: retried deliveries and double clicks", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlack();
    const linked = await h.app.engine.execute(
      `complaint staff link id:carol platform:slack user:${users.carol}`,
      "admin",
    );
    expect(linked.ok).toBe(true);
  });
  afterAll(async () => h?.close());
  afterEach(() => {
    expect(h.slack.violations).toEqual([]);
  });

  const ignoredRepeats = () =>
    h.logs.filter((l) => l.includes("repeated /complaint delivery ignored")).length;

  /** An open complaint assigned to bob, by engine (setup, not under test). */
  async function assignedToBob(name: string): Promise<{ number: string; id: string }> {
    const opened = await h.app.engine.execute(
      `complaint open channel:hotline name:"${name}" contact:13700001111 content:"Parcel lost" dept:billing`,
      "bob",
    );
    if (!opened.ok || !opened.complaint) throw new Error(opened.text);
    const number = opened.complaint.number;
    const assigned = await h.app.engine.execute(`complaint assign id:${number} to:bob`, "carol");
    if (!assigned.ok) throw new Error(assigned.text);
    const row = await h.app.db.prisma.complaint.findUniqueOrThrow({ where: { number } });
    return { number, id: row.id };
  }

  /** bob asks for compensation; the approval DM reaches carol; returns its id and buttons. */
  async function approvalDm(number: string, amount: number) {
    const asked = await h.app.engine.execute(
      `complaint compensate id:${number} amount:${amount} loss:${amount} reason:"Refund the duplicate charge"`,
      "bob",
    );
    const cp = /CP-\d{4}-\d{4}/.exec(asked.text)?.[0];
    if (!asked.ok || !cp) throw new Error(asked.text);
    await h.relay();
    const dm = await h.slack.waitFor(
      () =>
        h.slack
          .callsTo("chat.postMessage")
          .find((c) => c.args["channel"] === "D0CAROL" && String(c.args["blocks"]).includes(cp)),
      "the approval DM",
    );
    const buttons = buttonsOf(dm.args["blocks"]);
    const press = (label: string) => {
      const b = buttons.find((x) => x.text.text === label);
      if (!b) throw new Error(`no ${label} button`);
      // Slack sends a new trigger_id per click, the same message_ts.
      return buttonPayload(
        h,
        users.carol,
        { action_id: b.action_id, value: b.value, text: label },
        {
          channel: "D0CAROL",
          messageTs: `1700000099.${randomBytes(3).toString("hex")}`,
          messageText: String(dm.args["text"]),
        },
      );
    };
    return { cp, press };
  }

  const responsesTo = (payload: Record<string, unknown>) =>
    h.slack.responses.filter((r) => r.id === payload["trigger_id"]);

  const decidedDms = (text: string) =>
    h.slack
      .callsTo("chat.postMessage")
      .filter((c) => c.args["channel"] === "D0BOB" && String(c.args["text"]).includes(text));

  it("a slash command delivered once and retried five times, at once and later, opens one complaint and answers once", async () => {
    const complaints = await h.complaintCount();
    const ignored = ignoredRepeats();
    const name = `Replay ${randomBytes(3).toString("hex")}`;
    const body = slashBody(
      h,
      `open channel:hotline name:"${name}" contact:13911112222 content:"Parcel never came" dept:billing`,
      users.bob,
    );
    const trigger = new URLSearchParams(body).get("trigger_id") ?? "";
    // Slack retries when the ack seems late; here every copy is in flight together.
    const sent = await Promise.all([
      post(h.eventsUrl, body, FORM),
      ...[1, 2, 3, 1, 2].map((retryNum) => post(h.eventsUrl, body, FORM, { retryNum })),
    ]);
    expect(sent.map((s) => s.status)).toEqual([200, 200, 200, 200, 200, 200]);
    await h.slack.waitFor(() => h.slack.responses.find((r) => r.id === trigger), "the reply");
    await h.slack.waitFor(() => ignoredRepeats() === ignored + 5, "five repeats dropped");
    // One more retry after everything settled.
    expect((await post(h.eventsUrl, body, FORM, { retryNum: 3 })).status).toBe(200);
    await h.slack.waitFor(() => ignoredRepeats() === ignored + 6, "the late repeat dropped");

    expect(await h.complaintCount()).toBe(complaints + 1);
    const row = await h.app.db.prisma.complaint.findFirstOrThrow({
      where: { complainantName: name },
    });
    const replies = h.slack.responses.filter((r) => r.id === trigger);
    expect(replies.map((r) => String(r.body["text"]).split(";")[0])).toEqual([
      `Opened ${row.number}`,
    ]);
    expect(
      await h.app.db.prisma.auditEvent.count({
        where: { complaintId: row.id, action: "complaint.opened" },
      }),
    ).toBe(1);
    await h.relay();
    const cards = h.slack
      .callsTo("chat.postMessage")
      .filter(
        (c) =>
          c.args["channel"] === BILLING_CHANNEL &&
          !c.args["thread_ts"] &&
          String(c.args["text"]).startsWith(`${row.number} `),
      );
    expect(cards).toHaveLength(1);
  });

  it("an Approve button clicked twice at once records one decision and tells the requester once", async () => {
    const { number } = await assignedToBob("Double Click");
    const { cp, press } = await approvalDm(number, 100);
    const first = press("Approve");
    const second = press("Approve");
    // Same message, same button, same person: only the trigger differs.
    second["container"] = first["container"];
    second["message"] = first["message"];
    const sent = await Promise.all([interaction(h, first), interaction(h, second)]);
    expect(sent.map((s) => s.status)).toEqual([200, 200]);
    await h.slack.waitFor(
      () => responsesTo(first).length + responsesTo(second).length >= 2,
      "both presses answered",
    );
    const answers = [...responsesTo(first), ...responsesTo(second)];
    expect(answers).toHaveLength(2);
    const settled = answers.filter((r) => r.body["replace_original"] === true);
    const refused = answers.filter((r) => String(r.body["text"]).startsWith(ALREADY_HANDLED));
    expect(settled, "the DM replaced by the decision once").toHaveLength(1);
    expect(refused, "the other press told it was already done").toHaveLength(1);

    const decision = await h.app.db.prisma.compensation.findUniqueOrThrow({ where: { id: cp } });
    expect(decision).toMatchObject({ status: "approved", decidedById: "carol" });
    const audited = await h.app.db.prisma.auditEvent.findMany({
      where: { subject: number, action: "compensation.decided" },
    });
    expect(audited).toHaveLength(1);
    const events = await h.app.db.prisma.outboxEvent.findMany({
      where: { type: "compensation.decided" },
    });
    expect(
      events.filter((e) => (e.payload as { compensationId?: unknown }).compensationId === cp),
    ).toHaveLength(1);
    await h.relay();
    expect(decidedDms(decidedText(cp, number, "approved", "carol"))).toHaveLength(1);
  });

  it("Approve and Reject pressed at once: one decision; the other press gets a coded refusal and notifies nobody", async () => {
    const { number } = await assignedToBob("Both Buttons");
    const { cp, press } = await approvalDm(number, 120);
    const approve = press("Approve");
    const reject = press("Reject");
    reject["container"] = approve["container"];
    reject["message"] = approve["message"];
    await Promise.all([interaction(h, approve), interaction(h, reject)]);
    await h.slack.waitFor(
      () => responsesTo(approve).length > 0 && responsesTo(reject).length > 0,
      "both presses answered",
    );
    const decision = await h.app.db.prisma.compensation.findUniqueOrThrow({ where: { id: cp } });
    expect(["approved", "rejected"]).toContain(decision.status);
    const [won, lost] = decision.status === "approved" ? [approve, reject] : [reject, approve];
    expect(responsesTo(won).map((r) => r.body["replace_original"])).toEqual([true]);
    const loser = responsesTo(lost);
    expect(loser).toHaveLength(1);
    expect(String(loser[0]?.body["text"])).toMatch(/^E_INVALID_STATE: /);
    expect(
      await h.app.db.prisma.auditEvent.count({
        where: { subject: number, action: "compensation.decided" },
      }),
    ).toBe(1);
    await h.relay();
    const dms = h.slack
      .callsTo("chat.postMessage")
      .filter(
        (c) =>
          c.args["channel"] === "D0BOB" && String(c.args["text"]).includes(`Compensation ${cp} `),
      );
    expect(dms.map((c) => String(c.args["text"]))).toEqual([
      decidedText(cp, number, decision.status, "carol"),
    ]);
  });

  it("an outbox event relayed again (the relay died before marking it) sends nothing twice", async () => {
    const { number } = await assignedToBob("Relay Replay");
    const { cp, press } = await approvalDm(number, 80);
    const approve = press("Approve");
    await interaction(h, approve);
    await h.slack.waitFor(() => responsesTo(approve)[0], "the decision");
    await h.relay();
    const text = decidedText(cp, number, "approved", "carol");
    expect(decidedDms(text)).toHaveLength(1);
    const calls = h.slack.callsTo("chat.postMessage").length;

    // What a relay that crashed between sending and its commit leaves behind.
    const replayed = await h.app.db.prisma.outboxEvent.updateMany({
      where: { aggregateId: (await idOf(number)) ?? "" },
      data: { publishedAt: null },
    });
    expect(replayed.count).toBeGreaterThan(2);
    expect(await h.relay()).toBe(replayed.count);
    expect(decidedDms(text)).toHaveLength(1);
    expect(h.slack.callsTo("chat.postMessage").length, "posts after the replay").toBe(calls);
  });

  async function idOf(number: string): Promise<string | undefined> {
    return (await h.app.db.prisma.complaint.findUnique({ where: { number } }))?.id;
  }

  it("five commands at once from a Slack user seen for the first time (matched by e-mail): each answered, one link recorded", async () => {
    // amy is not linked yet: each request looks her up by e-mail and links her.
    expect(
      await h.app.db.prisma.staffIdentity.count({ where: { platform: "slack", staffId: "amy" } }),
    ).toBe(0);
    const bodies = Array.from({ length: 5 }, () => slashBody(h, "list", users.amy));
    const triggers = bodies.map((b) => new URLSearchParams(b).get("trigger_id") ?? "");
    const sent = await Promise.all(bodies.map((b) => post(h.eventsUrl, b, FORM)));
    expect(sent.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await h.slack.waitFor(
      () => triggers.every((id) => h.slack.responses.some((r) => r.id === id)),
      "every command answered",
    );
    const answers = triggers.map((id) =>
      String(h.slack.responses.find((r) => r.id === id)?.body["text"]),
    );
    expect(
      answers.filter((a) => a.includes("Something went wrong")),
      `answers:\n${answers.join("\n")}`,
    ).toEqual([]);
    expect(
      await h.app.db.prisma.staffIdentity.findMany({
        where: { platform: "slack", staffId: "amy" },
        select: { externalId: true },
      }),
    ).toEqual([{ externalId: users.amy }]);
  });

  it("a nudge job fired three times (two at once) and its delivery job run again after Redis lost it send one DM; the ledger holds one sent row", async () => {
    const { number, id } = await assignedToBob("Nudge Replay");
    // The first reply fell due a minute ago (deadline version 1).
    await h.app.db.prisma.complaintDeadline.update({
      where: { complaintId_kind: { complaintId: id, kind: "first_reply" } },
      data: { dueAt: new Date(Date.now() - 60_000) },
    });
    const logger = createLogger("silent");
    const connection = redisConnection(REDIS_URL);
    const opened: Queues[] = [];
    const queuesOf = (name: string) => {
      const q = new Queues({ connection, prefix: uniquePrefix(name) });
      opened.push(q);
      return q;
    };
    const ledger = new DeliveryLedger(h.app.db.prisma);
    const deliver = deliveryProcessor({
      ledger,
      notifiers: { slack: h.adapter.notifier },
      metrics: new Metrics(),
      logger,
    });
    const data: NudgeJob = {
      complaintId: id,
      deadlineKind: "first_reply",
      milestoneId: "due",
      version: 1,
      at: Date.now() - 60_000,
    };
    const nudgeDeps = (q: Queues): NudgeDeps => ({
      prisma: h.app.db.prisma,
      queue: q.deadlines,
      notifications: q.notifications,
      policy: h.app.policy,
      calendar: h.app.calendar,
      now: () => new Date(),
      platforms: ["slack"],
      logger,
    });
    const waitingDeliveries = async (q: Queues): Promise<Job<DeliverJob>[]> =>
      q.notifications.getJobs(["waiting", "delayed"]);
    const text = `${number} first reply is due now`;
    const nudgeDms = () =>
      h.slack
        .callsTo("chat.postMessage")
        .filter((c) => c.args["channel"] === "D0BOB" && String(c.args["text"]) === text);
    try {
      const q = queuesOf("replays");
      // The deadline queue holds schedule and nudge jobs; this one is a nudge (as in runtime.ts).
      const job = (await q.deadlines.add("nudge", data, {
        jobId: jobId.nudge(id, "first_reply", "due", 1),
      })) as Job<NudgeJob>;
      // A stalled job runs again on another worker while the first still runs, then once more.
      const fired = await Promise.all([
        processNudge(nudgeDeps(q), job),
        processNudge(nudgeDeps(q), job),
      ]);
      fired.push(await processNudge(nudgeDeps(q), job));
      expect(fired).toEqual(["sent", "sent", "sent"]);
      const deliveries = await waitingDeliveries(q);
      expect(deliveries.map((d) => d.data.notification.key)).toEqual([
        `nudge|${id}|first_reply|due|v1|bob@slack`,
      ]);
      const [delivery] = deliveries;
      if (!delivery) throw new Error("no delivery job");
      // Sent, then run again (the worker died before BullMQ recorded the completion).
      expect(await deliver(delivery)).toBe("sent");
      expect(await deliver(delivery)).toBe("duplicate");

      // Redis lost everything; the reconciler fires the nudge again into empty queues.
      const fresh = queuesOf("replays-after-flush");
      const again = (await fresh.deadlines.add("nudge", data, {
        jobId: jobId.nudge(id, "first_reply", "due", 1),
      })) as Job<NudgeJob>;
      expect(await processNudge(nudgeDeps(fresh), again)).toBe("sent");
      const [redelivery] = await waitingDeliveries(fresh);
      if (!redelivery) throw new Error("no delivery job after the flush");
      expect(await deliver(redelivery)).toBe("duplicate");

      expect(nudgeDms().map((c) => c.args["text"])).toEqual([text]);
      const rows = await h.app.db.prisma.notificationDelivery.findMany({
        where: { key: { startsWith: `nudge|${id}|` } },
      });
      expect(rows.map((r) => [r.key, r.status, r.attempts])).toEqual([
        [`nudge|${id}|first_reply|due|v1|bob@slack`, "sent", 1],
      ]);
    } finally {
      for (const q of opened) {
        await Promise.all(q.all().map((x) => x.obliterate({ force: true }).catch(() => undefined)));
        await q.close();
      }
      connection.disconnect();
    }
  });
});

describe("Discord: replayed interactions and double clicks", () => {
  let d: DiscordHarness;
  beforeAll(async () => {
    d = await startDiscord({ gateway: true });
  });
  afterAll(async () => d?.close());
  afterEach(() => {
    d.fake.clearInjections();
    expect(d.fake.problems.splice(0)).toEqual([]);
  });

  type Payload = { id: string; token: string };
  const edits = (p: Payload, from: number) =>
    d.fake.calls.slice(from).filter((c) => isEdit(c) && forToken(p.token)(c));
  const editText = (c: DiscordCall) => JSON.stringify(c.body);

  async function openAssigned(content: string): Promise<string> {
    await d.ok(
      "carol",
      `open channel:hotline name:"Wang Li" contact:13800138000 content:"${content}" dept:billing`,
    );
    const row = await d.db.prisma.complaint.findFirstOrThrow({ where: { content } });
    await d.ok("carol", `assign id:${row.number} to:bob`);
    return row.number;
  }

  /** bob asks for compensation; the approval DM reaches carol; returns its buttons' custom_ids. */
  async function approvalButtons(number: string, amount: number) {
    await d.ok(
      "bob",
      `compensate id:${number} amount:${amount} loss:${amount} reason:"Refund the duplicate charge"`,
    );
    const request = await d.db.prisma.compensation.findFirstOrThrow({
      where: { complaint: { number } },
      orderBy: { createdAt: "desc" },
    });
    const mark = d.fake.calls.length;
    await relayOutbox(d.db.prisma, d.bot.notifier);
    const dm = await d.fake.waitFor(
      (c) =>
        c.method === "POST" &&
        /^\/channels\/\d+\/messages$/.test(c.path) &&
        JSON.stringify(c.body).includes(`approve id:${request.id}`),
      mark,
    );
    const ids = [...JSON.stringify(dm.body).matchAll(/"custom_id":"(c:approve [^"]+)"/g)].map(
      (m) => m[1] ?? "",
    );
    const approve = ids.find((i) => i.includes("decision:approve"));
    const reject = ids.find((i) => i.includes("decision:reject"));
    if (!approve || !reject) throw new Error(`no Approve / Reject in ${JSON.stringify(dm.body)}`);
    return { cp: request.id, approve, reject };
  }

  const decidedPosts = (from: number, cp: string) =>
    d.fake.calls
      .slice(from)
      .filter(
        (c) =>
          c.method === "POST" &&
          /^\/channels\/\d+\/messages$/.test(c.path) &&
          c.path !== `/channels/${CARD_CHANNEL}/messages` &&
          JSON.stringify(c.body).includes(`Compensation ${cp} `),
      );

  /**
   * One slash-command interaction (a note, which runs at once) dispatched
   * twice, as a gateway replay would; the fake answers the second
   * acknowledgement as Discord does (400, code 40060).
   */
  async function replayedSlash(content: string) {
    const number = await openAssigned(content);
    const p = discordSlash(people.carol, ["note"], { id: number, text: "Replayed note" });
    let callbacks = 0;
    d.fake.inject((c) => isCallback(c) && c.path.includes(`/${p.id}/`) && ++callbacks > 1, {
      status: 400,
      body: { message: "Interaction has already been acknowledged.", code: 40060 },
    });
    const mark = d.fake.calls.length;
    d.fake.dispatch("INTERACTION_CREATE", p);
    d.fake.dispatch("INTERACTION_CREATE", p);
    await waitFor(
      "both deliveries acknowledged or refused",
      () =>
        d.fake.calls.slice(mark).filter((c) => isCallback(c) && c.path.includes(p.id)).length === 2,
      5_000,
      20,
    );
    await d.fake
      .waitFor((c) => isEdit(c) && forToken(p.token)(c) && editText(c).includes("Note added"), mark)
      .catch(() => undefined);
    // Whatever the replay still does after its refused acknowledgement happens within this.
    await sleep(300);
    const row = await d.db.prisma.complaint.findUniqueOrThrow({ where: { number } });
    return {
      number,
      notes: await d.db.prisma.complaintNote.count({ where: { complaintId: row.id } }),
      answers: edits(p, mark).map(editText),
    };
  }

  it("the same slash-command interaction delivered twice (a gateway replay) runs once, and the member's answer ends with what was done", async () => {
    const { number, notes, answers } = await replayedSlash("Replayed on the gateway");
    expect(notes).toBe(1);
    expect(answers.at(-1)).toContain(`Note added to ${number}`);
  });

  it("a replay whose acknowledgement Discord refuses (40060) does not edit the member's answer into an internal error", async () => {
    const { notes, answers } = await replayedSlash("Replayed, answer kept");
    expect(notes).toBe(1);
    // The first delivery owns the interaction's answer; the replay has none to edit.
    expect(
      answers.filter((a) => a.includes("Something went wrong")),
      `edits of the member's answer:\n${answers.join("\n")}`,
    ).toEqual([]);
  });

  it("an Approve button double-clicked, and Approve + Reject at once: one decision each, one DM each to the requester", async () => {
    const number = await openAssigned("Approved from Discord");
    const first = await approvalButtons(number, 100);
    const start = d.fake.calls.length;
    const message = "1300000000000000777";
    const a = button(people.carol, first.approve, message);
    const b = button(people.carol, first.approve, message);
    let mark = d.fake.calls.length;
    d.fake.dispatch("INTERACTION_CREATE", a);
    d.fake.dispatch("INTERACTION_CREATE", b);
    const [ea, eb] = await Promise.all([
      d.fake.waitFor((c) => isEdit(c) && forToken(a.token)(c), mark),
      d.fake.waitFor((c) => isEdit(c) && forToken(b.token)(c), mark),
    ]);
    const texts = [editText(ea), editText(eb)];
    expect(
      texts.filter((t) => t.includes("just pressed")),
      texts.join("\n"),
    ).toHaveLength(1);
    expect(
      await d.db.prisma.compensation.findUniqueOrThrow({ where: { id: first.cp } }),
    ).toMatchObject({ status: "approved", decidedById: "carol" });

    const second = await approvalButtons(number, 50);
    const message2 = "1300000000000000778";
    const yes = button(people.carol, second.approve, message2);
    const no = button(people.carol, second.reject, message2);
    mark = d.fake.calls.length;
    d.fake.dispatch("INTERACTION_CREATE", yes);
    d.fake.dispatch("INTERACTION_CREATE", no);
    const answered = await Promise.all([
      d.fake.waitFor((c) => isEdit(c) && forToken(yes.token)(c), mark),
      d.fake.waitFor((c) => isEdit(c) && forToken(no.token)(c), mark),
    ]);
    const decided = await d.db.prisma.compensation.findUniqueOrThrow({ where: { id: second.cp } });
    expect(["approved", "rejected"]).toContain(decided.status);
    const refusals = answered.map(editText).filter((t) => t.includes("E_INVALID_STATE"));
    expect(refusals, answered.map(editText).join("\n")).toHaveLength(1);
    expect(
      await d.db.prisma.auditEvent.count({
        where: { subject: number, action: "compensation.decided" },
      }),
    ).toBe(2);

    await relayOutbox(d.db.prisma, d.bot.notifier);
    await sleep(200);
    expect(decidedPosts(start, first.cp)).toHaveLength(1);
    expect(decidedPosts(start, second.cp)).toHaveLength(1);
  });
});
