import { maskContact } from "../complaint/mask.ts";
import { auditDnc } from "../dnc/audit.ts";
import { notFound } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "dnc remove",
  summary: msg("cmd.dnc-remove"),
  permission: { minRole: "dept-manager", scope: "any" },
  examples: [
    'complaint dnc remove contact:13800138000 reason:"Customer asked to hear from us again"',
  ],
  options: (policy) => ({
    contact: opt.contact({ help: msg("arg.contact"), required: true }),
    reason: opt.longText({
      help: msg("arg.why"),
      required: true,
      max: policy.limits.reasonMaxChars,
    }),
  }),
  async handler(args, { actor, repos, t }) {
    if (!(await repos.dnc.remove(args.contact)))
      throw notFound(msg("dnc.notListed", { contact: args.contact }));
    await auditDnc(repos, actor, "dnc.removed", {
      contact: maskContact(args.contact),
      reason: args.reason,
    });
    return { text: t("dnc.removed", { contact: args.contact }) };
  },
});
