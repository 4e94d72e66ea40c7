import { requireCaseParty } from "../complaint/access.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintView } from "../complaint/view.ts";
import { invalidState } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "stage",
  summary: msg("cmd.stage"),
  permission: { minRole: "agent", scope: "case" },
  examples: ["complaint stage id:TS-2611-0001 name:processing"],
  options: (policy) => ({
    id: complaintId(),
    name: opt.choice({
      help: msg("arg.stage.name"),
      required: true,
      choices: Object.keys(policy.deadlines.stages),
    }),
    version: expectedVersion(),
  }),
  async handler(args, { actor, repos, policy, now, calendar, t }) {
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "stage");
    if (!["registered", "triaged", "assigned", "in_progress"].includes(c.status)) {
      throw invalidState(msg("stage.notHandled", { number: c.number, status: c.status }));
    }
    const limit = policy.deadlines.stages[args.name];
    if (!limit) throw invalidState(msg("stage.unknown", { stage: args.name }));
    const kind = `stage:${args.name}`;
    const deadlines = await repos.deadlines.list(c.id);
    // Seed 002: one stage at a time; entering a stage completes the one before.
    const finished = deadlines
      .filter((d) => d.kind.startsWith("stage:") && d.kind !== kind && !d.metAt)
      .map((d) => ({ ...d, metAt: now }));
    const previous = deadlines.find((d) => d.kind === kind);
    const entered = {
      kind,
      clock: limit.clock,
      startedAt: now,
      dueAt: c.waitingOn ? null : calendar.deadline(now, limit),
      metAt: null,
      pausedAt: c.waitingOn ? now : null,
      remainingMs: c.waitingOn ? limit.after.ms : null,
      version: (previous?.version ?? 0) + 1,
    };
    const updated = await applyChange(repos, actor, c, {
      action: "complaint.stage",
      patch: {},
      detail: { stage: args.name, finished: finished.map((d) => d.kind) },
      event: { stage: args.name },
      ...(args.version === undefined ? {} : { expectedVersion: args.version }),
    });
    // After the complaint row: every command locks the complaint first, then its deadlines.
    await repos.deadlines.put(c.id, [...finished, entered]);
    return {
      text: t("stage.done", { number: updated.number, stage: args.name, limit: limit.after }),
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
