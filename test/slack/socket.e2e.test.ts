import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHarness, users, type Harness } from "./harness.ts";

describe("Slack over Socket Mode, end to end against a fake Slack and PostgreSQL", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ socket: true });
    await h.slack.waitForSocket();
  });
  afterAll(async () => h?.close());
  afterEach(() => {
    expect(h.slack.violations).toEqual([]);
  });

  const command = (text: string, trigger: string) => ({
    token: "legacy",
    team_id: h.slack.teamId,
    team_domain: "test",
    channel_id: "C0BILLING",
    channel_name: "billing",
    user_id: users.bob,
    user_name: "bob",
    command: "/complaint",
    text,
    api_app_id: "A0TEST",
    response_url: h.slack.responseUrl(trigger),
    trigger_id: trigger,
  });

  it("connects with the app-level token and runs a slash command, acked on the socket first", async () => {
    expect(h.adapter.mode).toBe("socket");
    expect(h.slack.callsTo("apps.connections.open")[0]?.token).toBe("xapp-test");
    const payload = command(
      'open channel:hotline name:"Wang Li" contact:13800138000 content:"Charged twice" dept:billing',
      "sock-1",
    );
    const ack = await h.slack.sendEnvelope("slash_commands", payload);
    expect(ack["envelope_id"]).toBeDefined();
    const reply = await h.slack.waitFor(
      () => h.slack.responses.find((r) => r.id === "sock-1"),
      "the reply",
    );
    expect(String(reply.body["text"])).toMatch(/^Opened TS-\d{4}-0001/);
    expect(await h.complaintCount()).toBe(1);
  });

  it("ignores Slack's redelivery of the same envelope payload", async () => {
    const payload = command(
      'open channel:hotline name:"Li Na" contact:13900139000 content:"Broken parcel" dept:billing',
      "sock-2",
    );
    await h.slack.sendEnvelope("slash_commands", payload);
    await h.slack.sendEnvelope("slash_commands", payload, 1);
    await h.slack.waitFor(() => h.slack.responses.find((r) => r.id === "sock-2"), "the reply");
    await h.slack.waitFor(
      () => h.logs.some((l) => l.includes("repeated /complaint delivery ignored")),
      "the redelivery to be dropped",
    );
    expect(await h.complaintCount()).toBe(2);
  });

  it("opens the intake form over the socket for /complaint with no text", async () => {
    await h.slack.sendEnvelope("slash_commands", command("", "sock-3"));
    const call = await h.slack.waitFor(
      () => h.slack.callsTo("views.open").find((c) => c.args["trigger_id"] === "sock-3"),
      "views.open",
    );
    expect(String(call.args["view"])).toContain("opt:content");
  });
});
