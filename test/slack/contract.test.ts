/**
 * The adapter against Slack's published descriptions (../shared/refdata):
 * every Web API method the code calls exists with the arguments we send,
 * the manifest asks for what the code needs, and the fake itself refuses
 * what Slack would refuse (so the end-to-end tests can fail).
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BOT_SCOPES } from "../../adapters/slack/app.ts";
import { SLASH_COMMAND } from "../../adapters/slack/handlers/command.ts";
import { FakeSlackApi, KNOWN_UNLISTED, methodExists, requiredArguments } from "./fake-slack-api.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ADAPTER = path.join(ROOT, "adapters/slack");
const EVENTS_SPEC = path.resolve(
  ROOT,
  "../shared/refdata/slack-api-specs/slack_events_api_async_v1.json",
);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(path.join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [path.join(dir, e.name)]
        : [],
  );
}

/** The text of a call's argument list: from after `(` to its matching `)`. */
function argumentText(code: string, open: number): string {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === "(") depth++;
    else if (code[i] === ")" && --depth === 0) return code.slice(open + 1, i);
  }
  return "";
}

/** The top-level keys of the object literal a call passes (`{ channel, text: … }`). */
function topLevelKeys(args: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let inKey = false;
  let token = "";
  for (const ch of args) {
    if (depth === 1 && (ch === ":" || ch === "," || ch === "}")) {
      if (inKey && token) keys.push(token);
      token = "";
      inKey = ch === ",";
    } else if (depth === 1 && inKey && /[A-Za-z0-9_.]/.test(ch)) {
      token += ch;
    }
    if ("({[".includes(ch)) {
      depth++;
      if (depth === 1 && ch === "{") inKey = true;
    }
    if (")}]".includes(ch)) depth--;
  }
  return keys.filter((k) => !k.startsWith("..."));
}

/** `client.chat.postMessage({ … })` → chat.postMessage with the argument names, for every call in the adapter. */
function calledMethods(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sources(ADAPTER)) {
    const code = readFileSync(file, "utf8");
    for (const m of code.matchAll(/\bclient\.((?:[a-z]+\.)+[a-zA-Z0-9]+)\(/g)) {
      const method = m[1] ?? "";
      const args = topLevelKeys(argumentText(code, m.index + m[0].length - 1));
      found.set(method, [...(found.get(method) ?? []), JSON.stringify(args)]);
    }
  }
  return found;
}

const SDK_HELPERS: Record<string, string[]> = {
  "files.uploadV2": ["files.getUploadURLExternal", "files.completeUploadExternal"],
};

describe("Slack contract", () => {
  it("every Web API method the adapter calls exists in Slack's description, with its required arguments", () => {
    const methods = calledMethods();
    expect([...methods.keys()].sort()).toEqual([
      "chat.postMessage",
      "chat.update",
      "conversations.open",
      "files.uploadV2",
      "users.info",
      "views.open",
      "views.publish",
      "views.update",
    ]);
    for (const [method, callSites] of methods) {
      // SDK helpers that make several Web API calls; the fake checks those calls.
      if (method in SDK_HELPERS) {
        for (const m of SDK_HELPERS[method] ?? []) expect(methodExists(m), m).toBe(true);
        continue;
      }
      expect(methodExists(method), method).toBe(true);
      for (const site of callSites) {
        const args = JSON.parse(site) as string[];
        for (const required of requiredArguments(method) ?? []) {
          expect(args, `a ${method} call needs ${required}`).toContain(required);
        }
      }
    }
  });

  it("the manifest declares the command, scopes, interactivity, events and the Home tab the code needs", () => {
    const manifest = parse(readFileSync(path.join(ROOT, "slack/manifest.yaml"), "utf8")) as {
      features: {
        app_home: { home_tab_enabled: boolean };
        slash_commands: { command: string; url: string; should_escape: boolean }[];
      };
      oauth_config: { scopes: { bot: string[] }; redirect_urls: string[] };
      settings: {
        event_subscriptions: { request_url: string; bot_events: string[] };
        interactivity: { is_enabled: boolean; request_url: string };
      };
    };
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    // The adapter undoes Slack's escaping; without it mentions arrive as plain names.
    expect(manifest.features.slash_commands[0]?.should_escape).toBe(true);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    for (const url of [
      manifest.features.slash_commands[0]?.url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ]) {
      expect(new URL(url ?? "").pathname).toBe("/slack/events");
    }
    expect(new URL(manifest.oauth_config.redirect_urls[0] ?? "").pathname).toBe(
      "/slack/oauth_redirect",
    );
    // Events are named app_home_opened in the manifest and app.home.opened in the AsyncAPI topics.
    const topics = Object.keys(
      (JSON.parse(readFileSync(EVENTS_SPEC, "utf8")) as { topics: object }).topics,
    );
    const unlisted = new Set(["app_home_opened"]); // newer than the 2021 description
    for (const event of manifest.settings.event_subscriptions.bot_events) {
      expect(topics.includes(event.replace(/_/g, ".")) || unlisted.has(event), event).toBe(true);
    }
  });

  it("names the methods missing from the 2021 description instead of skipping checks", () => {
    expect([...KNOWN_UNLISTED].sort()).toEqual([
      "apps.connections.open",
      "files.completeUploadExternal",
      "files.getUploadURLExternal",
    ]);
    for (const m of KNOWN_UNLISTED) expect(requiredArguments(m)).toBeNull();
  });
});

describe("the fake Slack refuses what Slack refuses", () => {
  let slack: FakeSlackApi;
  beforeAll(async () => {
    slack = await FakeSlackApi.start();
  });
  afterAll(async () => slack?.close());

  const call = async (method: string, body: Record<string, string>) => {
    const res = await fetch(`${slack.apiUrl}${method}`, {
      method: "POST",
      headers: {
        authorization: "Bearer xoxb-1",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(body).toString(),
    });
    return (await res.json()) as { ok: boolean };
  };

  it.each([
    [
      "an unknown method",
      "chat.postMessages",
      { channel: "C1", text: "x" },
      "unknown Web API method",
    ],
    [
      "a missing required argument",
      "chat.update",
      { channel: "C1", text: "x" },
      "missing required argument ts",
    ],
    ["a message without fallback text", "chat.postMessage", { channel: "C1" }, "no fallback text"],
    [
      "51 blocks in a message",
      "chat.postMessage",
      {
        channel: "C1",
        text: "x",
        blocks: JSON.stringify(Array.from({ length: 51 }, () => ({ type: "divider" }))),
      },
      "51 blocks > 50",
    ],
    [
      "a modal title of 25 characters",
      "views.open",
      {
        trigger_id: "t",
        view: JSON.stringify({
          type: "modal",
          title: { type: "plain_text", text: "x".repeat(25) },
          blocks: [],
        }),
      },
      "view.title: 25 characters > 24",
    ],
    [
      "101 blocks on the Home tab",
      "views.publish",
      {
        user_id: "U1",
        view: JSON.stringify({
          type: "home",
          blocks: Array.from({ length: 101 }, () => ({ type: "divider" })),
        }),
      },
      "101 blocks > 100",
    ],
    [
      "a 3001-character section",
      "chat.postMessage",
      {
        channel: "C1",
        text: "x",
        blocks: JSON.stringify([
          { type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } },
        ]),
      },
      "3001 characters > 3000",
    ],
  ])("%s", async (_what, method, body, problem) => {
    const before = slack.violations.length;
    expect((await call(method, body)).ok).toBe(false);
    expect(slack.violations.slice(before).join("\n")).toContain(problem);
  });
});
