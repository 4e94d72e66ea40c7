import { maskContact } from "../complaint/mask.ts";
import { auditDnc } from "../dnc/audit.ts";
import { notFound } from "../errors.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "dnc remove",
  summary: "Take a contact off the do-not-contact list",
  permission: { minRole: "dept-manager", scope: "any" },
  examples: [
    'complaint dnc remove contact:13800138000 reason:"Customer asked to hear from us again"',
  ],
  options: (policy) => ({
    contact: opt.contact({ help: "phone or e-mail", required: true }),
    reason: opt.longText({ help: "why", required: true, max: policy.limits.reasonMaxChars }),
  }),
  async handler(args, { actor, repos }) {
    if (!(await repos.dnc.remove(args.contact)))
      throw notFound(`${args.contact} is not on the do-not-contact list`);
    await auditDnc(repos, actor, "dnc.removed", {
      contact: maskContact(args.contact),
      reason: args.reason,
    });
    return { text: `${args.contact} is off the do-not-contact list` };
  },
});
