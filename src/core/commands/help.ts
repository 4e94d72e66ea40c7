import { validationError } from "../errors.ts";
import { msg, translator, type Translator } from "../i18n/translate.ts";
import type { AnyCommand } from "./command.ts";
import { defineCommand } from "./command.ts";
import { opt, type OptionSpec } from "./options.ts";
import type { Policy } from "../policy/schema.ts";

function optionLine(name: string, spec: OptionSpec, t: Translator): string {
  const choices = spec.choices && spec.choices.length <= 12 ? ` (${spec.choices.join("|")})` : "";
  return t("help.optionLine", {
    name,
    required: spec.required,
    help: t.render(spec.helpText),
    choices,
  });
}

/** Help is generated from the command definitions, so it cannot drift; in `t`'s language. */
export function commandHelp(
  command: AnyCommand,
  policy: Policy,
  t: Translator = translator("en"),
): string[] {
  const specs = command.options(policy);
  return [
    t("help.who", {
      summary: t.render(command.summaryText),
      minRole: command.permission.minRole,
      caseScope: command.permission.scope === "case",
    }),
    ...Object.entries(specs).map(([name, spec]) => optionLine(name, spec, t)),
    ...command.examples.map((line) => t("help.example", { line })),
  ];
}

export default defineCommand({
  name: "help",
  summary: msg("cmd.help"),
  permission: { minRole: "agent", scope: "any" },
  examples: ["complaint help", "complaint help command:open", 'complaint help command:"staff add"'],
  options: () => ({
    command: opt.text({ help: msg("arg.help.command"), required: false, max: 40 }),
  }),
  async handler(args, { commands, policy, t }) {
    if (args.command) {
      const wanted = args.command
        .toLowerCase()
        .replace(/^\/?complaint\s+/, "")
        .trim();
      const command = commands.find((c) => c.name === wanted);
      if (!command) {
        throw validationError(msg("help.unknown", { command: wanted }), {
          command: msg("field.unknown"),
        });
      }
      return {
        text: `complaint ${command.name}: ${t.render(command.summaryText)}`,
        sections: [
          { heading: `complaint ${command.name}`, lines: commandHelp(command, policy, t) },
        ],
      };
    }
    return {
      text: t("help.overview", { count: commands.length }),
      sections: [
        {
          heading: t("help.commands"),
          lines: commands.map((c) => `complaint ${c.name.padEnd(11)} ${t.render(c.summaryText)}`),
        },
      ],
    };
  },
});
