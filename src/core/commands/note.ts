import { requireCaseParty } from "../complaint/access.ts";
import { isOpen } from "../complaint/lifecycle.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { invalidState } from "../errors.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "note",
  summary: "Add a note to a complaint; the assignee's first note marks it in progress",
  permission: { minRole: "agent", scope: "case" },
  examples: ['complaint note id:TS-2611-0001 text:"Called the customer"'],
  options: (policy) => ({
    id: complaintId(),
    text: opt.longText({ help: "the note", required: true, max: policy.limits.noteMaxChars }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "add notes to it");
    if (!isOpen(c.status)) {
      throw invalidState(
        `${c.number} is closed and stays as it was closed; if the customer comes back, complaint reopen id:${c.number} reason:"…" opens a linked repeat complaint`,
      );
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
      text: `Note added to ${updated.number}${starts ? "; it is now in progress" : ""}`,
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
