// npm run discord:register: the command set PUT to Discord, checked by the
// fake against the API description and Discord's limits.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildCommands } from "../../adapters/discord/commands.ts";
import { registerCommands, registrySource } from "../../adapters/discord/register.ts";
import { createRest } from "../../adapters/discord/rest.ts";
import { defaultPolicy } from "../../src/core/policy/schema.ts";
import { FakeDiscord } from "./fake/discord.ts";
import { APP_ID, GUILD_ID } from "./fake/interactions.ts";

const TOKEN = "register-token";
let fake: FakeDiscord;
beforeAll(async () => {
  fake = new FakeDiscord({ token: TOKEN, appId: APP_ID });
  await fake.start();
});
afterAll(async () => {
  await fake?.close();
});
afterEach(() => {
  // Emptied each time, so one test's contract breach is not blamed on the next.
  expect(fake.problems.splice(0)).toEqual([]);
});

describe("command registration", () => {
  it("registers /complaint in a guild and globally", async () => {
    const rest = createRest({ token: TOKEN, apiUrl: fake.apiUrl });
    const body = buildCommands(registrySource(defaultPolicy()));
    const inGuild = await registerCommands(rest, APP_ID, GUILD_ID, body);
    expect(inGuild.map((c) => c.name)).toEqual(["complaint"]);
    await registerCommands(rest, APP_ID, undefined, body);
    const puts = fake.calls.filter((c) => c.method === "PUT").map((c) => c.path);
    expect(puts).toEqual([
      `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`,
      `/applications/${APP_ID}/commands`,
    ]);
  });

  it("the fake refuses what Discord would: unknown routes, oversized bodies, missing auth", async () => {
    const rest = createRest({ token: TOKEN, apiUrl: fake.apiUrl });
    await expect(rest.post("/channels/123/no-such-thing", { body: {} })).rejects.toThrow();
    await expect(
      rest.post("/channels/123/messages", { body: { content: "x".repeat(2001) } }),
    ).rejects.toThrow();
    await expect(
      rest.post("/channels/123/messages", { body: { content: "x" }, auth: false }),
    ).rejects.toThrow();
    const problems = fake.problems.splice(0).join("\n");
    expect(problems).toMatch(/no such route/);
    expect(problems).toMatch(/content: more than 2000 characters/);
    expect(problems).toMatch(/Authorization/);
  });

  it("npm run discord:register reads the environment and the policy", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const mark = fake.calls.length;
    const result = await new Promise<{ code: number | null; out: string; err: string }>(
      (resolve, reject) => {
        const child = spawn(
          process.execPath,
          ["--import", "tsx", "adapters/discord/register-cli.ts"],
          {
            cwd: root,
            env: {
              PATH: process.env.PATH ?? "",
              HOME: process.env.HOME ?? "/tmp",
              DISCORD_TOKEN: TOKEN,
              DISCORD_APP_ID: APP_ID,
              DISCORD_GUILD_ID: GUILD_ID,
              DISCORD_API_URL: fake.apiUrl,
            },
          },
        );
        let out = "";
        let err = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, out, err }));
      },
    );
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain(`registered /complaint`);
    expect(result.out).toContain(`in guild ${GUILD_ID}`);
    const put = fake.calls.slice(mark).find((c) => c.method === "PUT");
    expect(put?.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
  });
});
