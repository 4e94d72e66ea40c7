import { requireCaseParty } from "../complaint/access.ts";
import { isOpen } from "../complaint/lifecycle.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { invalidState } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "note",
  summary: msg("cmd.note"),
  permission: { minRole: "agent", scope: "case" },
  examples: ['complaint note id:TS-2611-0001 text:"Called the customer"'],
  options: (policy) => ({
    id: complaintId(),
    text: opt.longText({
      help: msg("arg.note.text"),
      required: true,
      max: policy.limits.noteMaxChars,
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, t }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "note");
    if (!isOpen(c.status)) {
      throw invalidState(msg("note.closed", { number: c.number }));
    }
    // Work has started once the assignee records something on an assigned case.
    const starts = c.status === "assigned" && c.assigneeId === actor.id;
    const note = await repos.notes.add(c.id, actor.id, args.text);
    const notifyAssignee = c.assigneeId !== null && c.assigneeId !== actor.id;
    const updated = await applyChange(repos, actor, c, {
      action: "complaint.noted",
      ...(starts ? { transition: "start" as const } : {}),
      patch: {},
      detail: { noteId: note.id },
      ...(notifyAssignee
        ? { event: { assigneeId: c.assigneeId, excerpt: args.text.slice(0, 140) } }
        : {}),
      ...(args.version === undefined ? {} : { expectedVersion: args.version }),
    });
    return {
      text: t("note.done", { number: updated.number, started: starts }),
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
