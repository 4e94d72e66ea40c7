import { validationError } from "../errors.ts";
import type { AnyCommand } from "./command.ts";
import { defineCommand } from "./command.ts";
import { opt, type OptionSpec } from "./options.ts";
import type { Policy } from "../policy/schema.ts";

function optionLine(name: string, spec: OptionSpec): string {
  const choices = spec.choices && spec.choices.length <= 12 ? ` (${spec.choices.join("|")})` : "";
  return `  ${name}:${spec.required ? "" : " [optional]"} ${spec.help}${choices}`;
}

/** Help is generated from the command definitions, so it cannot drift. */
export function commandHelp(command: AnyCommand, policy: Policy): string[] {
  const specs = command.options(policy);
  const who =
    command.permission.minRole === "agent"
      ? "all staff"
      : `${command.permission.minRole} and above`;
  return [
    `${command.summary}. Who: ${who}${command.permission.scope === "case" ? " (the case's owner or assignee, or a manager)" : ""}.`,
    ...Object.entries(specs).map(([name, spec]) => optionLine(name, spec)),
    ...command.examples.map((e) => `  e.g. ${e}`),
  ];
}

export default defineCommand({
  name: "help",
  summary: "List the commands, or explain one",
  permission: { minRole: "agent", scope: "any" },
  examples: ["complaint help", "complaint help command:open", 'complaint help command:"staff add"'],
  options: () => ({
    command: opt.text({
      help: 'a command name, e.g. open or "staff add"',
      required: false,
      max: 40,
    }),
  }),
  async handler(args, { commands, policy }) {
    if (args.command) {
      const wanted = args.command
        .toLowerCase()
        .replace(/^\/?complaint\s+/, "")
        .trim();
      const command = commands.find((c) => c.name === wanted);
      if (!command) {
        throw validationError(
          `command: no command ${JSON.stringify(wanted)}; complaint help lists them`,
          {
            command: "unknown",
          },
        );
      }
      return {
        text: `complaint ${command.name}: ${command.summary}`,
        sections: [{ heading: `complaint ${command.name}`, lines: commandHelp(command, policy) }],
      };
    }
    return {
      text: `${commands.length} commands. Write options as name:value; quote values with spaces (content:"Charged twice"). complaint help command:<name> explains one.`,
      sections: [
        {
          heading: "Commands",
          lines: commands.map((c) => `complaint ${c.name.padEnd(11)} ${c.summary}`),
        },
      ],
    };
  },
});
