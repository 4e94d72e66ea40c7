import { requireCaseParty } from "../complaint/access.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { pauseDeadlineRecord } from "../calendar/pause.ts";
import { invalidState } from "../errors.ts";
import { WAITING_PARTIES } from "../policy/schema.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

const handled = ["registered", "triaged", "assigned", "in_progress"];

export default defineCommand({
  name: "wait",
  summary:
    "The case waits on the customer or a third party: its deadlines pause until complaint resume",
  permission: { minRole: "agent", scope: "case" },
  examples: [
    'complaint wait id:TS-2611-0001 on:customer reason:"Customer sends the invoice on Monday"',
  ],
  options: (policy) => ({
    id: complaintId(),
    on: opt.choice({ help: "customer or third-party", required: true, choices: WAITING_PARTIES }),
    reason: opt.longText({
      help: "what the case waits for",
      required: true,
      max: policy.limits.reasonMaxChars,
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, policy, now, calendar }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "put it on hold");
    if (!handled.includes(c.status))
      throw invalidState(
        `${c.number} is ${c.status.replace("_", " ")}; only a case being handled can wait`,
      );
    if (c.waitingOn)
      throw invalidState(
        `${c.number} is already waiting on the ${c.waitingOn}; complaint resume id:${c.number} ends it`,
      );
    const pauses = policy.lifecycle.pauseWhileWaitingOn.includes(args.on);
    const deadlines = await repos.deadlines.list(c.id);
    const paused = pauses
      ? deadlines
          .map((d) => pauseDeadlineRecord(calendar, d, now))
          .filter((d, i) => d !== deadlines[i])
      : [];
    if (paused.length) await repos.deadlines.put(c.id, paused);
    const updated = await applyChange(repos, actor, c, {
      action: "complaint.waiting",
      patch: { waitingOn: args.on, waitingSince: now },
      detail: { on: args.on, reason: args.reason, paused: paused.map((d) => d.kind) },
      event: { on: args.on, paused: paused.length },
      ...(args.version === undefined ? {} : { expectedVersion: args.version }),
    });
    return {
      text: `${updated.number} is waiting on the ${args.on}${paused.length ? `; ${paused.length} deadline(s) paused` : "; its deadlines keep running (policy)"}`,
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
