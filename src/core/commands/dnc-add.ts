import { maySeeContact } from "../complaint/access.ts";
import { maskContact } from "../complaint/mask.ts";
import { loadComplaint } from "../complaint/mutate.ts";
import { auditDnc } from "../dnc/audit.ts";
import { ComplaintError, ErrorCode, validationError } from "../errors.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "dnc add",
  summary: "Put a customer on the do-not-contact list (by contact, or straight from a complaint)",
  permission: { minRole: "agent", scope: "any" },
  examples: [
    'complaint dnc add id:TS-2611-0001 reason:"Asked never to be called again"',
    'complaint dnc add contact:13800138000 reason:"Opted out"',
  ],
  options: (policy) => ({
    contact: opt.contact({ help: "phone or e-mail", required: false }),
    id: opt.complaint({ help: "take the contact from this complaint", required: false }),
    reason: opt.longText({ help: "why", required: true, max: policy.limits.reasonMaxChars }),
  }),
  async handler(args, { actor, repos, now }) {
    if (!args.contact === !args.id) {
      throw validationError("give exactly one of contact: or id:", {
        contact: "one of contact/id",
        id: "one of contact/id",
      });
    }
    const complaint = args.id ? await loadComplaint(repos, args.id) : null;
    const contact = complaint?.contact ?? args.contact ?? "";
    const shown = complaint && !maySeeContact(actor, complaint) ? maskContact(contact) : contact;
    if (await repos.dnc.find(contact)) {
      throw new ComplaintError(
        ErrorCode.Duplicate,
        `${shown} is already on the do-not-contact list`,
      );
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
      text: `${shown} is on the do-not-contact list${complaint ? ` (from ${complaint.number})` : ""}`,
    };
  },
});
