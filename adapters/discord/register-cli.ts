import { parseArgs } from "node:util";
import { loadConfig } from "../../src/config/env.ts";
import { loadPolicy } from "../../src/config/policy-file.ts";
import { describeStartupError } from "../../src/startup-error.ts";
import { buildCommands } from "./commands.ts";
import { registerCommands, registrySource } from "./register.ts";
import { createRest } from "./rest.ts";

/** `npm run discord:register [-- --global | --guild <id>]`: puts /complaint on Discord. */
const usage = `usage: npm run discord:register [-- --global | --guild <guild-id>]

Registers /complaint with Discord (DISCORD_TOKEN, DISCORD_APP_ID).
  --guild <id>  register in this server (default: DISCORD_GUILD_ID)
  --global      register globally (every server the bot is in; slower to appear)`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        guild: { type: "string" },
        global: { type: "boolean" },
        help: { type: "boolean" },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const config = loadConfig();
  const { token, appId } = config.discord;
  if (!token || !appId) {
    process.stderr.write("DISCORD_TOKEN and DISCORD_APP_ID must be set to register commands\n");
    return 1;
  }
  const guildId = args.global ? undefined : (args.guild ?? config.discord.guildId);
  const body = buildCommands(registrySource(loadPolicy(config.policyFile)));
  const rest = createRest({ token, apiUrl: config.discord.apiUrl });
  const registered = await registerCommands(rest, appId, guildId, body);
  const subs = body[0]?.options?.length ?? 0;
  process.stdout.write(
    `registered ${registered.map((c) => `/${c.name}`).join(", ")} (${subs} subcommands and groups) ${guildId ? `in guild ${guildId}` : "globally"}\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${describeStartupError(error)}\n`);
    process.exitCode = 1;
  },
);
