import { requireCaseParty } from "../complaint/access.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { pauseDeadlineRecord } from "../calendar/pause.ts";
import { invalidState } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { WAITING_PARTIES } from "../policy/schema.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

const handled = ["registered", "triaged", "assigned", "in_progress"];

export default defineCommand({
  name: "wait",
  summary: msg("cmd.wait"),
  permission: { minRole: "agent", scope: "case" },
  examples: [
    'complaint wait id:TS-2611-0001 on:customer reason:"Customer sends the invoice on Monday"',
  ],
  options: (policy) => ({
    id: complaintId(),
    on: opt.choice({ help: msg("arg.wait.on"), required: true, choices: WAITING_PARTIES }),
    reason: opt.longText({
      help: msg("arg.wait.reason"),
      required: true,
      max: policy.limits.reasonMaxChars,
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, policy, now, calendar, t }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "wait");
    if (!handled.includes(c.status))
      throw invalidState(msg("wait.notHandled", { number: c.number, status: c.status }));
    if (c.waitingOn) throw invalidState(msg("wait.already", { number: c.number, on: c.waitingOn }));
    const pauses = policy.lifecycle.pauseWhileWaitingOn.includes(args.on);
    const deadlines = await repos.deadlines.list(c.id);
    const paused = pauses
      ? deadlines
          .map((d) => pauseDeadlineRecord(calendar, d, now))
          .filter((d, i) => d !== deadlines[i])
      : [];
    const updated = await applyChange(repos, actor, c, {
      action: "complaint.waiting",
      patch: { waitingOn: args.on, waitingSince: now },
      detail: { on: args.on, reason: args.reason, paused: paused.map((d) => d.kind) },
      event: { on: args.on, paused: paused.length },
      ...(args.version === undefined ? {} : { expectedVersion: args.version }),
    });
    // After the complaint row: every command locks the complaint first, then its deadlines.
    if (paused.length) await repos.deadlines.put(c.id, paused);
    return {
      text: t("wait.done", { number: updated.number, on: args.on, paused: paused.length }),
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
