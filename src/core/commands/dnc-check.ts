import { formatWallTime } from "../time/zoned.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "dnc check",
  summary: "Is this contact on the do-not-contact list?",
  permission: { minRole: "agent", scope: "any" },
  examples: ["complaint dnc check contact:13800138000"],
  options: () => ({ contact: opt.contact({ help: "phone or e-mail", required: true }) }),
  async handler(args, { repos, policy }) {
    const entry = await repos.dnc.find(args.contact);
    return {
      text: entry
        ? `${args.contact} is on the do-not-contact list since ${formatWallTime(entry.addedAt, policy.timezone)}: ${entry.reason}`
        : `${args.contact} is not on the do-not-contact list`,
      fields: [{ label: "Listed", value: entry ? "yes" : "no" }],
    };
  },
});
