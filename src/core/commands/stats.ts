import type { ReplyFile } from "../reply/reply.ts";
import { monthlyCharts, type ChartSpec } from "../reports/charts.ts";
import { monthsEndingWith, shiftMonth } from "../reports/period.ts";
import {
  groupLines,
  summaryFields,
  summaryPost,
  summarySections,
  type StatsReport,
} from "../reports/present.ts";
import { departmentScope, reportLabels, reportMonth, requireDepartment } from "../reports/scope.ts";
import type { ChartRenderer } from "../reports/services.ts";
import type { MonthlyFigures, StatsFilter } from "../reports/stats.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

const TREND_MONTHS = 12;

const strip = ({ period: _p, ...rest }: MonthlyFigures) => rest;

async function render(
  charts: ChartRenderer,
  specs: readonly ChartSpec[],
): Promise<{ files: ReplyFile[]; failed: string[] }> {
  const files: ReplyFile[] = [];
  const failed: string[] = [];
  for (const spec of specs) {
    try {
      files.push(await charts.render(spec));
    } catch (error) {
      failed.push(`${spec.title}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { files, failed };
}

export default defineCommand({
  name: "stats",
  summary:
    "Monthly statistics with charts: on time, handling time, satisfaction, responsibility …; by:agent or by:dept per person/team",
  permission: { minRole: "dept-manager", scope: "any" },
  examples: [
    "complaint stats",
    "complaint stats month:2026-10",
    "complaint stats month:2026-10 dept:billing channel:hotline",
    "complaint stats month:2026-10 by:agent",
    "complaint stats month:2026-10 post:yes",
  ],
  options: (policy) => ({
    month: opt.text({
      help: "the month, YYYY-MM (default last month)",
      required: false,
      max: 7,
    }),
    dept: opt.department({
      help: "only this department (a department manager always sees their own)",
      required: false,
    }),
    channel: opt.choice({
      help: "only complaints from this intake channel",
      required: false,
      choices: policy.channels.map((c) => c.id),
    }),
    by: opt.choice({
      help: "summary (default), agent (per assignee) or dept (per department)",
      required: false,
      choices: ["summary", "agent", "dept"] as const,
    }),
    post: opt.boolean({
      help: "yes: also post the summary to the management channel (the department's channel with dept:)",
      required: false,
    }),
    charts: opt.boolean({ help: "no: without the charts (default yes)", required: false }),
  }),
  async handler(args, { actor, repos, policy, now, afterCommit }) {
    const tz = policy.timezone;
    const period = reportMonth(args.month, now, tz);
    const departmentId = departmentScope(actor, args.dept);
    const department = await requireDepartment(repos, departmentId);
    const filter: StatsFilter = {
      ...(departmentId ? { departmentId } : {}),
      ...(args.channel ? { channel: args.channel } : {}),
    };
    const labels = await reportLabels(repos, policy);
    const scope = [
      period.label,
      department?.name,
      args.channel ? labels.channel(args.channel) : undefined,
    ]
      .filter(Boolean)
      .join(", ");

    const by = args.by ?? "summary";
    if (by !== "summary") {
      const groups = await repos.reports.grouped(by, filter, period, now);
      const heading = by === "agent" ? `Per agent, ${scope}` : `Per department, ${scope}`;
      const stats: StatsReport = { month: period.label, filter, by, groups };
      return {
        text: `${heading}: ${groups.length} ${by === "agent" ? "agent" : "department"}${groups.length === 1 ? "" : "s"}`,
        sections: [
          {
            heading,
            lines: groupLines(groups, by === "agent" ? labels.staff : labels.department),
          },
        ],
        stats,
      };
    }

    const figures = await repos.reports.monthly(filter, period, now);
    const previous = await repos.reports.monthly(filter, shiftMonth(period, -1, tz), now);
    const trend = await repos.reports.trend(
      filter,
      monthsEndingWith(period, TREND_MONTHS, tz),
      now,
    );
    const heading = `Complaint statistics ${scope}`;
    const fields = summaryFields(figures, labels.currency);
    let posted = "";
    if (args.post) {
      const channel = department
        ? (department.channel ?? department.id)
        : policy.major.managementChannel;
      await repos.outbox.add({
        type: "report.monthly",
        aggregateId: `monthly:${departmentId ?? "all"}:${period.label}`,
        payload: { actorId: actor.id, channel, text: summaryPost(heading, fields) },
      });
      await repos.audit.append({
        complaintId: null,
        subject: `report:${departmentId ?? "all"}`,
        actorId: actor.id,
        action: "report.monthly",
        fromStatus: null,
        toStatus: null,
        version: null,
        data: { month: period.label, ...filter, channel },
      });
      posted = `, posted to #${channel}`;
    }
    if (args.charts !== false) {
      const specs = monthlyCharts(figures, trend, {
        category: labels.category,
        department: labels.department,
        scope,
      });
      afterCommit(async ({ services }) => {
        if (!services.charts) return {};
        const { files, failed } = await render(services.charts, specs);
        return failed.length
          ? { files, sections: [{ heading: "Charts not drawn", lines: failed }] }
          : { files };
      });
    }
    const stats: StatsReport = {
      month: period.label,
      filter,
      figures: strip(figures),
      previous: { ...strip(previous), month: previous.period.label },
      trend,
    };
    return {
      text: `${heading}: ${figures.received} received, ${figures.closed} closed${posted}`,
      title: heading,
      fields,
      sections: summarySections(figures, previous, labels),
      stats,
    };
  },
});
