import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SlackBackend } from "../../adapters/slack/backend.ts";
import {
  BILLING_CHANNEL,
  buttonPayload,
  buttonsOf,
  deferred,
  eventCallback,
  interaction,
  post,
  slash,
  slashBody,
  startHarness,
  users,
  type Harness,
} from "./harness.ts";

const gate = deferred();
const order: string[] = [];

describe("Slack over HTTP, end to end against a fake Slack and PostgreSQL", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      // Hold every database step of a Slack request until the test opens the gate.
      wrap: (app): SlackBackend => ({
        ...app,
        chatMessages: app.chatMessages,
        inbound: {
          ...app.inbound,
          once: async (key) => {
            order.push(h.acks.includes("command") ? "db after ack" : "db before ack");
            await gate.promise;
            return app.inbound.once(key);
          },
        },
        identify: async (...args) => {
          await gate.promise;
          return app.identify(...args);
        },
        engine: app.engine,
      }),
    });
  });
  afterAll(async () => h?.close());
  afterEach(() => {
    expect(h.slack.violations).toEqual([]);
  });

  it("acks a slash command before any database work, then opens the complaint", async () => {
    const sent = slash(
      h,
      'open channel:hotline name:"Wang Li" contact:13800138000 content:"Charged twice for May" dept:billing',
      users.bob,
    );
    const ack = await sent;
    expect(ack.status).toBe(200);
    expect(await h.complaintCount()).toBe(0);
    gate.open();
    const response = await h.slack.waitFor(() => h.slack.responses[0], "the reply");
    expect(response.body["response_type"]).toBe("ephemeral");
    expect(String(response.body["text"])).toMatch(/^Opened TS-\d{4}-0001; you own it/);
    expect(await h.complaintCount()).toBe(1);
    expect(order[0]).toBe("db after ack");
    console.info(
      `slash command ack latency: ${ack.ms.toFixed(1)} ms (engine held back until after the ack)`,
    );
  });

  it("measures the ack latency of slash commands (reported, not asserted)", async () => {
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const sent = await slash(h, "help", users.bob);
      expect(sent.status).toBe(200);
      times.push(sent.ms);
    }
    times.sort((a, b) => a - b);
    console.info(
      `slash command ack latency over 10 requests: min ${times[0]?.toFixed(1)} ms, median ${times[5]?.toFixed(1)} ms, max ${times[9]?.toFixed(1)} ms`,
    );
  });

  it("does not open a second complaint when Slack retries the same slash command", async () => {
    const before = await h.complaintCount();
    const body = slashBody(
      h,
      'open channel:hotline name:"Li Na" contact:li.na@example.com content:"Broken parcel" dept:billing',
      users.bob,
    );
    const first = await post(h.eventsUrl, body, FORM);
    const retry = await post(h.eventsUrl, body, FORM, { retryNum: 1 });
    expect([first.status, retry.status]).toEqual([200, 200]);
    const trigger = new URLSearchParams(body).get("trigger_id") ?? "";
    await h.slack.waitFor(() => h.slack.responses.find((r) => r.id === trigger), "the reply");
    // The retry was handled (acked) and found the key taken: give it the same chance to write.
    await h.slack.waitFor(
      () => h.logs.some((l) => l.includes("repeated /complaint delivery ignored")),
      "the retry to be dropped",
    );
    expect(await h.complaintCount()).toBe(before + 1);
    expect(h.slack.responses.filter((r) => r.id === trigger)).toHaveLength(1);
  });

  it("takes Slack's escaped text: mentions, mailto links and entities", async () => {
    const sent = await slash(
      h,
      "open channel:hotline name:&quot;x&quot; contact:<mailto:zhao@example.com|zhao@example.com> content:&lt;refund&gt; dept:billing",
      users.bob,
    );
    expect(sent.status).toBe(200);
    const reply = await h.slack.waitFor(
      () =>
        h.slack.responses.find(
          (r) =>
            String(r.body["text"]).includes("Opened") &&
            JSON.stringify(r.body).includes("zhao@example.com"),
        ),
      "the reply",
    );
    expect(JSON.stringify(reply.body)).toContain("&lt;refund&gt;");
  });

  it("opens the intake modal from open's option specs for /complaint with no text", async () => {
    const sent = await slash(h, "", users.bob);
    expect(sent.status).toBe(200);
    const call = await h.slack.waitFor(() => h.slack.callsTo("views.open")[0], "views.open");
    const view = JSON.parse(String(call.args["view"])) as ModalJson;
    expect(view.title.text).toBe("New complaint");
    const inputs = view.blocks.filter((b) => b.type === "input");
    const names = inputs.map((b) => b.block_id.replace("opt:", ""));
    const open = h.app.engine.commands.find((c) => c.name === "open");
    if (!open) throw new Error("no open command");
    const specs = h.app.engine.optionSpecs(open);
    expect(names).toEqual(Object.keys(specs).filter((n) => n !== "version"));
    const byName = Object.fromEntries(inputs.map((b) => [b.block_id.replace("opt:", ""), b]));
    expect(byName["channel"]?.element.type).toBe("static_select");
    expect(byName["channel"]?.element.options?.map((o) => o.value)).toEqual(
      specs["channel"]?.choices,
    );
    expect(byName["severity"]?.element.type).toBe("static_select");
    expect(byName["category"]?.element.type).toBe("static_select");
    expect(byName["content"]?.element.multiline).toBe(true);
    expect(byName["received"]?.element.type).toBe("datetimepicker");
    for (const [name, spec] of Object.entries(specs)) {
      if (name === "version") continue;
      expect(byName[name]?.optional, name).toBe(!spec.required);
    }
  });

  it("shows a form's mistakes inline under their fields and writes nothing", async () => {
    const before = await h.complaintCount();
    const sent = await interaction(
      h,
      submission(h, users.bob, {
        channel: sel("hotline"),
        name: txt("Wang"),
        contact: txt("not a phone"),
        content: txt("x"),
      }),
    );
    expect(sent.status).toBe(200);
    const answer = JSON.parse(sent.body) as {
      response_action: string;
      errors: Record<string, string>;
    };
    expect(answer.response_action).toBe("errors");
    expect(Object.keys(answer.errors)).toEqual(["opt:contact"]);
    expect(answer.errors["opt:contact"]).toMatch(/phone number or e-mail/);
    expect(await h.complaintCount()).toBe(before);
  });

  it("opens the complaint from a valid form and shows the result in the modal", async () => {
    const before = await h.complaintCount();
    const sent = await interaction(
      h,
      submission(h, users.bob, {
        channel: sel("hotline"),
        name: txt("Zhou Min"),
        contact: txt("13900139000"),
        content: txt("Late delivery, twice"),
        dept: txt("billing"),
        severity: sel("complex"),
      }),
    );
    const answer = JSON.parse(sent.body) as { response_action: string };
    expect(answer.response_action).toBe("update");
    const update = await h.slack.waitFor(
      () => h.slack.callsTo("views.update").find((c) => String(c.args["view"]).includes("Opened")),
      "the result in the modal",
    );
    expect(update.args["view_id"]).toBe("V-form");
    expect(await h.complaintCount()).toBe(before + 1);
    const row = await h.app.db.prisma.complaint.findFirst({
      where: { complainantName: "Zhou Min" },
    });
    expect(row).toMatchObject({ severity: "complex", ownerId: "bob", departmentId: "billing" });
  });

  it("posts the card, and Assign to me assigns the presser, updates the card in place and threads it", async () => {
    await h.relay();
    const cardPost = await h.slack.waitFor(
      () =>
        h.slack
          .callsTo("chat.postMessage")
          .find(
            (c) =>
              c.args["channel"] === BILLING_CHANNEL &&
              String(c.args["text"]).includes("Zhou") === false &&
              String(c.args["blocks"]).includes("Assign to me"),
          ),
      "a card in the billing channel",
    );
    const cards = h.slack
      .callsTo("chat.postMessage")
      .filter((c) => c.args["channel"] === BILLING_CHANNEL && !c.args["thread_ts"]);
    expect(cards.length).toBe(await h.complaintCount());
    const number = String(cardPost.args["text"]).split(" ")[0] ?? "";
    const stored = await h.app.chatMessages.get("slack", number);
    expect(stored?.channelRef).toBe(BILLING_CHANNEL);
    const assign = buttonsOf(cardPost.args["blocks"]).find((b) => b.text.text === "Assign to me");
    if (!assign) throw new Error("no Assign to me button");
    expect(assign.value).toMatch(new RegExp(`^complaint assign id:${number} to:@me version:\\d+$`));
    const press = buttonPayload(
      h,
      users.carol,
      { action_id: assign.action_id, value: assign.value, text: "Assign to me" },
      { channel: BILLING_CHANNEL, messageTs: stored?.messageRef ?? "" },
    );
    expect((await interaction(h, press)).status).toBe(200);
    const update = await h.slack.waitFor(
      () =>
        h.slack
          .callsTo("chat.update")
          .find(
            (c) =>
              c.args["ts"] === stored?.messageRef && String(c.args["blocks"]).includes("carol"),
          ),
      "the card updated in place",
    );
    expect(update.args["channel"]).toBe(BILLING_CHANNEL);
    const threaded = await h.slack.waitFor(
      () =>
        h.slack.callsTo("chat.postMessage").find((c) => c.args["thread_ts"] === stored?.messageRef),
      "a thread update",
    );
    expect(String(threaded.args["text"])).toContain(`${number} assigned to carol`);
    const row = await h.app.db.prisma.complaint.findUnique({ where: { number } });
    expect(row?.assigneeId).toBe("carol");
    // carol was matched by her Slack e-mail and is linked from now on.
    expect(await h.app.db.prisma.staffIdentity.findMany({ where: { staffId: "carol" } })).toEqual([
      expect.objectContaining({ platform: "slack", externalId: users.carol }),
    ]);

    // A double click is one press: the second finds the key taken.
    const again = await interaction(h, press);
    expect(again.status).toBe(200);
    await h.slack.waitFor(
      () => h.slack.responses.find((r) => String(r.body["text"]).includes("already done")),
      "the repeated press to be refused",
    );
    const audits = await h.app.db.prisma.auditEvent.count({
      where: { subject: number, action: "complaint.assigned" },
    });
    expect(audits).toBe(1);
  });

  it("opens a form for what a button's command lacks (Resolve asks for the result)", async () => {
    const card = h.slack.callsTo("chat.update").at(-1);
    const resolve = buttonsOf(card?.args["blocks"]).find((b) => b.text.text === "Resolve");
    if (!resolve) throw new Error("no Resolve button on the assigned card");
    const press = buttonPayload(
      h,
      users.carol,
      { action_id: resolve.action_id, value: resolve.value, text: "Resolve" },
      { channel: BILLING_CHANNEL, messageTs: String(card?.args["ts"]) },
    );
    await interaction(h, press);
    const opened = await h.slack.waitFor(
      () =>
        h.slack.callsTo("views.open").find((c) => String(c.args["view"]).includes("opt:result")),
      "the Resolve form",
    );
    const view = JSON.parse(String(opened.args["view"])) as ModalJson;
    const command = h.app.engine.commands.find((c) => c.name === "resolve");
    if (!command) throw new Error("no resolve command");
    const asked = Object.keys(h.app.engine.optionSpecs(command)).filter(
      (n) => n !== "id" && n !== "version",
    );
    expect(asked[0]).toBe("result");
    expect(view.blocks.filter((b) => b.type === "input").map((b) => b.block_id)).toEqual(
      asked.map((n) => `opt:${n}`),
    );
    expect(JSON.parse(view.private_metadata)).toMatchObject({
      words: ["resolve"],
      given: { id: expect.any(String), version: expect.any(String) },
    });
  });

  it("tells an unknown Slack user how to get linked, instead of failing", async () => {
    const sent = await slash(h, "list", users.stranger);
    expect(sent.status).toBe(200);
    const reply = await h.slack.waitFor(
      () => h.slack.responses.find((r) => String(r.body["text"]).includes(users.stranger)),
      "the reply",
    );
    expect(String(reply.body["text"])).toContain(
      `staff link id:&lt;your-staff-id&gt; platform:slack user:${users.stranger}`,
    );
  });

  it("publishes the Home tab with my open cases", async () => {
    const sent = await eventCallback(h, {
      type: "app_home_opened",
      user: users.bob,
      channel: "D0BOB",
      tab: "home",
      event_ts: "1.1",
    });
    expect(sent.status).toBe(200);
    const publish = await h.slack.waitFor(
      () => h.slack.callsTo("views.publish").find((c) => c.args["user_id"] === users.bob),
      "views.publish",
    );
    const view = JSON.parse(String(publish.args["view"])) as ModalJson;
    expect(view.type).toBe("home");
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("My open cases");
    const mine = await h.app.db.prisma.complaint.findMany({
      where: { OR: [{ ownerId: "bob" }, { assigneeId: "bob" }] },
    });
    for (const c of mine) expect(text).toContain(c.number);
  });

  it("answers a button on the Home tab in a modal and refreshes the tab", async () => {
    const home = h.slack.callsTo("views.publish").find((c) => c.args["user_id"] === users.bob);
    const show = buttonsOf(JSON.parse(String(home?.args["view"])).blocks).find(
      (b) => b.text.text === "Show",
    );
    if (!show) throw new Error("no Show button on the Home tab");
    const publishes = h.slack.callsTo("views.publish").length;
    const press = {
      type: "block_actions",
      team: { id: h.slack.teamId, domain: "test" },
      user: { id: users.bob, username: "bob", team_id: h.slack.teamId },
      api_app_id: "A0TEST",
      token: "legacy",
      trigger_id: "trig-home",
      container: { type: "view", view_id: "V-home" },
      view: {
        id: "V-home",
        type: "home",
        team_id: h.slack.teamId,
        blocks: [],
        private_metadata: "",
        callback_id: "",
        state: { values: {} },
        hash: "h",
        title: { type: "plain_text", text: "x" },
        app_id: "A0TEST",
        bot_id: "B0BOT",
        root_view_id: "V-home",
        previous_view_id: null,
        clear_on_close: false,
        notify_on_close: false,
        close: null,
        submit: null,
      },
      actions: [
        {
          type: "button",
          action_id: show.action_id,
          block_id: "b",
          text: { type: "plain_text", text: "Show" },
          value: show.value,
          action_ts: "1.2",
        },
      ],
    };
    expect((await interaction(h, press)).status).toBe(200);
    const opened = await h.slack.waitFor(
      () => h.slack.callsTo("views.open").find((c) => c.args["trigger_id"] === "trig-home"),
      "a modal at once",
    );
    const shown = await h.slack.waitFor(
      () => h.slack.callsTo("views.update").find((c) => String(c.args["view"]).includes("History")),
      "the complaint in the modal",
    );
    expect(String(opened.args["view"])).toContain("Working");
    expect(String(shown.args["view_id"])).toMatch(/^V\d+$/);
    await h.slack.waitFor(
      () => h.slack.callsTo("views.publish").length > publishes,
      "the Home tab refreshed",
    );
  });

  it("sends a reply's file to the requester's DM, not to the channel", async () => {
    const added = await h.app.engine.execute(
      'complaint dnc add contact:13700137000 reason:"Asked not to be called"',
      "carol",
    );
    expect(added.ok).toBe(true);
    const sent = await slash(h, "dnc list export:yes", users.carol);
    expect(sent.status).toBe(200);
    const complete = await h.slack.waitFor(
      () => h.slack.callsTo("files.completeUploadExternal")[0],
      "the upload to complete",
    );
    expect(complete.args["channel_id"]).toBe("D0CAROL");
    const [fileId, content] = [...h.slack.uploads.entries()][0] ?? [];
    expect(fileId).toBeDefined();
    expect(content).toContain("13700137000");
    const reply = await h.slack.waitFor(
      () => h.slack.responses.find((r) => String(r.body["text"]).includes("do-not-contact list")),
      "the reply",
    );
    expect(JSON.stringify(reply.body)).not.toContain("13700137000");
  });

  it.each([
    ["a forged signature", { secret: "not-the-secret" }],
    ["a timestamp older than 5 minutes", { skewSeconds: -301 }],
    ["a timestamp more than 5 minutes ahead", { skewSeconds: 301 }],
  ] as const)("answers %s with 401 and writes nothing", async (_what, forgery) => {
    const options =
      "skewSeconds" in forgery
        ? { timestamp: Math.floor(Date.now() / 1000) + forgery.skewSeconds }
        : { secret: forgery.secret };
    const complaints = await h.complaintCount();
    const keys = await h.app.db.prisma.inboundKey.count();
    const calls = h.slack.calls.length;
    const acks = h.acks.length;
    const sent = await slash(
      h,
      'open channel:hotline name:"Forged" contact:13800138000 content:"x" dept:billing',
      users.bob,
      options,
    );
    expect(sent.status).toBe(401);
    const unsigned = await fetch(h.eventsUrl, {
      method: "POST",
      headers: { "content-type": FORM },
      body: slashBody(h, "list", users.bob),
    });
    expect(unsigned.status).toBe(401);
    expect(await h.complaintCount()).toBe(complaints);
    expect(await h.app.db.prisma.inboundKey.count()).toBe(keys);
    expect(h.slack.calls.length).toBe(calls);
    expect(h.acks.length).toBe(acks);
  });
});

const FORM = "application/x-www-form-urlencoded";

interface ModalJson {
  type: string;
  title: { text: string };
  private_metadata: string;
  blocks: {
    type: string;
    block_id: string;
    optional?: boolean;
    element: { type: string; multiline?: boolean; options?: { value: string }[] };
  }[];
}

const txt = (value: string) => ({ type: "plain_text_input", value });
const sel = (value: string) => ({
  type: "static_select",
  selected_option: { value, text: { type: "plain_text", text: value } },
});

/** The intake form submitted, as Slack sends a view_submission. */
function submission(
  h: Harness,
  user: string,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  return {
    type: "view_submission",
    team: { id: h.slack.teamId, domain: "test" },
    user: { id: user, username: user.toLowerCase(), team_id: h.slack.teamId },
    api_app_id: "A0TEST",
    token: "legacy",
    trigger_id: `trig-${Math.random().toString(16).slice(2)}`,
    view: {
      id: "V-form",
      team_id: h.slack.teamId,
      type: "modal",
      callback_id: "complaint-command",
      title: { type: "plain_text", text: "New complaint" },
      blocks: [],
      private_metadata: JSON.stringify({ words: ["open"], given: {}, channel: BILLING_CHANNEL }),
      hash: `hash-${Math.random().toString(16).slice(2)}`,
      state: {
        values: Object.fromEntries(Object.entries(fields).map(([k, v]) => [`opt:${k}`, { v }])),
      },
      app_id: "A0TEST",
      bot_id: "B0BOT",
      root_view_id: "V-form",
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
    },
  };
}
