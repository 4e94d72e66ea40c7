import { requireCaseParty } from "../complaint/access.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { resumeDeadlineRecord } from "../calendar/pause.ts";
import { invalidState } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { defineCommand } from "./command.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "resume",
  summary: msg("cmd.resume"),
  permission: { minRole: "agent", scope: "case" },
  examples: ["complaint resume id:TS-2611-0001"],
  options: () => ({ id: complaintId(), version: expectedVersion() }),
  async handler(args, { actor, repos, now, calendar, t }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "resume");
    if (!c.waitingOn) throw invalidState(msg("resume.notWaiting", { number: c.number }));
    const deadlines = await repos.deadlines.list(c.id);
    const resumed = deadlines
      .map((d) => resumeDeadlineRecord(calendar, d, now))
      .filter((d, i) => d !== deadlines[i]);
    const updated = await applyChange(repos, actor, c, {
      action: "complaint.resumed",
      patch: { waitingOn: null, waitingSince: null },
      detail: {
        waited: c.waitingOn,
        since: c.waitingSince?.toISOString() ?? null,
        resumed: resumed.map((d) => d.kind),
      },
      event: { resumed: resumed.length },
      ...(args.version === undefined ? {} : { expectedVersion: args.version }),
    });
    // After the complaint row: every command locks the complaint first, then its deadlines.
    if (resumed.length) await repos.deadlines.put(c.id, resumed);
    return {
      text: t("resume.done", { number: updated.number, resumed: resumed.length }),
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
