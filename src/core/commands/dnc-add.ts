import { maySeeContact } from "../complaint/access.ts";
import { maskContact } from "../complaint/mask.ts";
import { loadComplaint } from "../complaint/mutate.ts";
import { auditDnc } from "../dnc/audit.ts";
import { duplicate, validationError } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "dnc add",
  summary: msg("cmd.dnc-add"),
  permission: { minRole: "agent", scope: "any" },
  examples: [
    'complaint dnc add id:TS-2611-0001 reason:"Asked never to be called again"',
    'complaint dnc add contact:13800138000 reason:"Opted out"',
  ],
  options: (policy) => ({
    contact: opt.contact({ help: msg("arg.contact"), required: false }),
    id: opt.complaint({ help: msg("arg.dnc.id"), required: false }),
    reason: opt.longText({
      help: msg("arg.why"),
      required: true,
      max: policy.limits.reasonMaxChars,
    }),
  }),
  async handler(args, { actor, repos, now, t }) {
    if (!args.contact === !args.id) {
      throw validationError(msg("dnc.exactlyOne"), {
        contact: msg("dnc.field.oneOf"),
        id: msg("dnc.field.oneOf"),
      });
    }
    const complaint = args.id ? await loadComplaint(repos, args.id) : null;
    const contact = complaint?.contact ?? args.contact ?? "";
    const shown = complaint && !maySeeContact(actor, complaint) ? maskContact(contact) : contact;
    if (await repos.dnc.find(contact)) {
      throw duplicate(msg("dnc.already", { contact: shown }));
    }
    await repos.dnc.add({
      contact,
      reason: args.reason,
      addedById: actor.id,
      complaintId: complaint?.id ?? null,
      addedAt: now,
    });
    await auditDnc(repos, actor, "dnc.added", {
      contact: maskContact(contact),
      complaint: complaint?.number ?? null,
    });
    return {
      text: t("dnc.added", { contact: shown, from: complaint?.number ?? null }),
    };
  },
});
