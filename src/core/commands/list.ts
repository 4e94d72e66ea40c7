import { maySeeContact } from "../complaint/access.ts";
import { complaintLine } from "../complaint/present.ts";
import { severities, statuses, unassignedStatuses, type Status } from "../complaint/status.ts";
import { complaintView } from "../complaint/view.ts";
import { msg } from "../i18n/translate.ts";
import type { ComplaintQuery } from "../ports.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

const openStatuses: readonly Status[] = statuses.filter((s) => s !== "closed");

export default defineCommand({
  name: "list",
  summary: msg("cmd.list"),
  permission: { minRole: "agent", scope: "any" },
  examples: [
    "complaint list",
    "complaint list filter:mine",
    "complaint list filter:unassigned channel:hotline",
    "complaint list filter:all assignee:bob page:2",
  ],
  options: (policy) => ({
    filter: opt.choice({
      help: msg("arg.list.filter"),
      required: false,
      choices: [
        "mine",
        "due-soon",
        "open",
        "unassigned",
        "overdue",
        "major",
        "closed",
        "all",
      ] as const,
    }),
    status: opt.choice({ help: msg("arg.list.status"), required: false, choices: statuses }),
    assignee: opt.staff({ help: msg("arg.list.assignee"), required: false }),
    owner: opt.staff({ help: msg("arg.list.owner"), required: false }),
    channel: opt.choice({
      help: msg("arg.list.channel"),
      required: false,
      choices: policy.channels.map((c) => c.id),
    }),
    dept: opt.department({ help: msg("arg.onlyDept"), required: false }),
    severity: opt.choice({ help: msg("arg.list.severity"), required: false, choices: severities }),
    limit: opt.integer({
      help: msg("arg.list.limit", { size: policy.limits.listPageSize }),
      required: false,
      min: 1,
      max: 200,
    }),
    page: opt.integer({ help: msg("arg.page"), required: false, min: 1, max: 100_000 }),
  }),
  async handler(args, { actor, repos, policy, now, t }) {
    const filter = args.filter ?? "open";
    const limit = args.limit ?? policy.limits.listPageSize;
    const page = args.page ?? 1;
    const query: ComplaintQuery = { limit, offset: (page - 1) * limit };
    if (filter === "mine") {
      query.involving = actor.id;
      query.statuses = openStatuses;
    } else if (filter === "open") query.statuses = openStatuses;
    else if (filter === "unassigned") {
      query.statuses = unassignedStatuses;
      query.assigneeId = null;
    } else if (filter === "due-soon") {
      query.involving = actor.id;
      query.statuses = openStatuses;
      query.dueBetween = {
        from: now,
        to: new Date(now.getTime() + policy.reminders.dueSoonWithin.ms),
      };
    } else if (filter === "overdue") {
      query.statuses = openStatuses;
      query.overdueAt = now;
    } else if (filter === "major") {
      query.statuses = openStatuses;
      query.major = true;
    } else if (filter === "closed") query.statuses = ["closed"];
    if (args.status) {
      if (query.statuses && !query.statuses.includes(args.status)) {
        query.statuses = [];
      } else query.statuses = [args.status];
    }
    if (args.assignee) query.assigneeId = args.assignee;
    if (args.owner) query.ownerId = args.owner;
    if (args.channel) query.channel = args.channel;
    if (args.dept) query.departmentId = args.dept;
    if (args.severity) query.severity = args.severity;
    const { items, total } = await repos.complaints.list(query);
    const views = items.map((c) => complaintView(c, { showContact: maySeeContact(actor, c) }));
    const from = total === 0 ? 0 : query.offset + 1;
    const to = query.offset + views.length;
    return {
      text:
        total === 0
          ? t("list.none", { filter })
          : t("list.count", { total, filter, from, to, next: to < total ? page + 1 : null }),
      complaints: views,
      total,
      sections: views.length
        ? [
            {
              heading: t("list.heading", { filter }),
              lines: views.map((v) => complaintLine(v, t)),
            },
          ]
        : [],
    };
  },
});
