import {
  Routes,
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { AnyCommand } from "../../src/core/commands/command.ts";
import type { OptionSpecs } from "../../src/core/commands/options.ts";
import { commands } from "../../src/core/commands/registry.ts";
import type { Policy } from "../../src/core/policy/schema.ts";
import type { CommandSource } from "./commands.ts";

/**
 * The registry as the command builder reads it, without an engine (and so
 * without a database): registering needs only the policy, for choices.
 */
export function registrySource(policy: Policy): CommandSource {
  const specs = new Map<AnyCommand, OptionSpecs>(commands.map((c) => [c, c.options(policy)]));
  return {
    commands,
    optionSpecs: (c) => {
      const s = specs.get(c);
      if (!s) throw new Error(`unregistered command ${c.name}`);
      return s;
    },
  };
}

/**
 * PUT replaces the whole set, so a command removed from the registry
 * disappears from Discord too. A guild's commands change at once; global
 * ones can take up to an hour to reach every client.
 */
export async function registerCommands(
  rest: REST,
  appId: string,
  guildId: string | undefined,
  body: RESTPostAPIChatInputApplicationCommandsJSONBody[],
): Promise<{ id: string; name: string }[]> {
  const route = guildId
    ? Routes.applicationGuildCommands(appId, guildId)
    : Routes.applicationCommands(appId);
  return (await rest.put(route, { body })) as { id: string; name: string }[];
}
