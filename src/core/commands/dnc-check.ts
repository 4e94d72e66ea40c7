import { msg } from "../i18n/translate.ts";
import { formatWallTime } from "../time/zoned.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "dnc check",
  summary: msg("cmd.dnc-check"),
  permission: { minRole: "agent", scope: "any" },
  examples: ["complaint dnc check contact:13800138000"],
  options: () => ({ contact: opt.contact({ help: msg("arg.contact"), required: true }) }),
  async handler(args, { repos, policy, t }) {
    const entry = await repos.dnc.find(args.contact);
    return {
      text: entry
        ? t("dnc.listed", {
            contact: args.contact,
            since: formatWallTime(entry.addedAt, policy.timezone),
            reason: entry.reason,
          })
        : t("dnc.notListed", { contact: args.contact }),
      fields: [{ label: t("field.listed"), value: t.yesNo(entry !== null) }],
    };
  },
});
