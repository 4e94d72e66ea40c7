import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { post, slashBody, startHarness, users, type Harness } from "./harness.ts";

const FORM = "application/x-www-form-urlencoded";

describe("Slack OAuth installs (multi-workspace), kept in PostgreSQL", () => {
  let h: Harness;
  let base = "";
  beforeAll(async () => {
    h = await startHarness({ oauth: true });
    base = h.eventsUrl.replace("/slack/events", "");
  });
  afterAll(async () => h?.close());
  afterEach(() => {
    expect(h.slack.violations).toEqual([]);
  });

  it("installs through /slack/install and the OAuth redirect, storing the install", async () => {
    const start = await fetch(`${base}/slack/install`, { redirect: "manual" });
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get("location") ?? "");
    expect(location.searchParams.get("scope")).toContain("users:read.email");
    const state = location.searchParams.get("state") ?? "";
    const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const done = await fetch(
      `${base}/slack/oauth_redirect?code=c0de&state=${encodeURIComponent(state)}`,
      {
        headers: { cookie },
        redirect: "manual",
      },
    );
    expect(done.status).toBe(200);
    const exchange = h.slack.callsTo("oauth.v2.access")[0];
    expect(exchange?.args["code"]).toBe("c0de");
    const row = await h.app.db.prisma.chatInstallation.findUnique({
      where: { platform_key: { platform: "slack", key: "team:T0OAUTH" } },
    });
    expect(row?.data).toMatchObject({
      team: { id: "T0OAUTH" },
      bot: { token: "xoxb-installed-token" },
    });
  });

  it("serves the installed workspace with its own bot token", async () => {
    const body = slashBody(h, "list", users.amy, { team_id: "T0OAUTH" });
    const sent = await post(h.eventsUrl, body, FORM);
    expect(sent.status).toBe(200);
    const trigger = new URLSearchParams(body).get("trigger_id") ?? "";
    await h.slack.waitFor(() => h.slack.responses.find((r) => r.id === trigger), "the reply");
    expect(h.slack.callsTo("users.info").at(-1)?.token).toBe("xoxb-installed-token");
  });

  it("runs nothing for a workspace that never installed the app", async () => {
    const body = slashBody(
      h,
      'open channel:hotline name:"X" contact:13800138000 content:"y" dept:billing',
      users.bob,
      { team_id: "T0OTHER" },
    );
    const sent = await post(h.eventsUrl, body, FORM);
    // Bolt acks and calls no handler when authorize finds no install.
    expect(sent.status).toBe(200);
    await h.slack.waitFor(
      () => h.logs.some((l) => l.includes("Authorization of incoming event did not succeed")),
      "the refusal to be logged",
    );
    const trigger = new URLSearchParams(body).get("trigger_id") ?? "";
    expect(h.slack.responses.filter((r) => r.id === trigger)).toEqual([]);
    expect(await h.complaintCount()).toBe(0);
  });

  it("delivers notifications with the install of SLACK_TEAM_ID", async () => {
    await h.adapter.notifier.send({
      kind: "dm",
      to: "bob",
      text: "hello from OAuth",
      key: "oauth-1",
    });
    const dm = h.slack
      .callsTo("chat.postMessage")
      .find((c) => c.args["text"] === "hello from OAuth");
    expect(dm?.token).toBe("xoxb-installed-token");
  });
});
