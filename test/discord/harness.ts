// One running Discord adapter against the fake Discord and a fresh
// PostgreSQL database, with a small team linked to Discord accounts.
import { createApp, type App } from "../../src/app.ts";
import { loadConfig, type DiscordConfig } from "../../src/config/env.ts";
import { defaultPolicy } from "../../src/core/policy/schema.ts";
import { createLogger } from "../../src/logging.ts";
import { startDiscord, type DiscordBot } from "../../adapters/discord/bot.ts";
import type { AnswerKind } from "../../adapters/discord/interactions.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { FakeDiscord, type Call } from "./fake/discord.ts";
import { APP_ID, type Member } from "./fake/interactions.ts";

export const TOKEN = "fake-bot-token";
export const CARD_CHANNEL = "1400000000000000001";
export const MANAGEMENT_CHANNEL = "1400000000000000002";
export const HANDLER_ROLE = "1500000000000000001";

export const people = {
  admin: { id: "1000000000000000001", username: "alice.admin" },
  carol: { id: "1000000000000000002", username: "carol" },
  bob: { id: "1000000000000000003", username: "bob" },
  stranger: { id: "1000000000000000009", username: "stranger" },
} satisfies Record<string, Member>;

export interface Harness {
  fake: FakeDiscord;
  db: TestDatabase;
  app: App;
  bot: DiscordBot;
  answers: { kind: AnswerKind; ms: number }[];
  /** Runs a command as a staff member through the engine (setup, not under test). */
  ok(actor: string, line: string): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: {
  gateway: boolean;
  publicKey?: string;
}): Promise<Harness> {
  const fake = new FakeDiscord({ token: TOKEN, appId: APP_ID });
  await fake.start();
  const db = await createTestDatabase("postgres");
  const logger = createLogger(process.env.DISCORD_TEST_LOG === "1" ? "debug" : "silent");
  const config = loadConfig({ DATABASE_URL: db.url, ADMINS: "admin", LOG_LEVEL: "silent" });
  const app = await createApp({ config, logger, policy: defaultPolicy() });
  const discord: DiscordConfig & { token: string } = {
    token: TOKEN,
    appId: APP_ID,
    publicKey: options.publicKey,
    apiUrl: fake.apiUrl,
    guildId: undefined,
    channels: { billing: CARD_CHANNEL, management: MANAGEMENT_CHANNEL },
    roles: { [HANDLER_ROLE]: { role: "handler", department: "billing" } },
    httpPort: options.publicKey ? 0 : undefined,
    gateway: options.gateway,
  };
  const answers: Harness["answers"] = [];
  const identified = fake.identifiedOnce();
  const bot = await startDiscord({
    app,
    config: discord,
    logger,
    httpHost: "127.0.0.1",
    onAnswered: (kind, ms) => answers.push({ kind, ms }),
  });
  if (options.gateway) await identified;
  const ok = async (actor: string, line: string) => {
    const outcome = await app.engine.execute(line, actor);
    if (!outcome.ok) throw new Error(`${line}: ${outcome.text}`);
  };
  await ok("admin", 'staff add id:carol name:"Carol Wu" role:dept-manager dept:billing');
  await ok("admin", 'staff add id:bob name:"Bob Chen" role:handler dept:billing manager:carol');
  for (const [id, who] of [
    ["admin", people.admin],
    ["carol", people.carol],
    ["bob", people.bob],
  ] as const) {
    await ok("admin", `staff link id:${id} platform:discord user:${who.id}`);
  }
  return {
    fake,
    db,
    app,
    bot,
    answers,
    ok,
    async close() {
      await bot.stop();
      await app.close();
      await db.close();
      await fake.close();
    },
  };
}

export const isCallback = (c: Call) =>
  c.template === "/interactions/{interaction_id}/{interaction_token}/callback";
export const isEdit = (c: Call) =>
  c.template === "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
export const forToken = (token: string) => (c: Call) => c.path.includes(token);
