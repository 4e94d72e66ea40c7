import { msg, translator, type Translator } from "../i18n/translate.ts";
import type { ReplyFile } from "../reply/reply.ts";
import { monthlyCharts, type ChartSpec } from "../reports/charts.ts";
import { monthlyPost, type MonthlyPostFacts } from "../reports/monthly-post.ts";
import { monthsEndingWith, shiftMonth } from "../reports/period.ts";
import {
  groupLines,
  reportLabels,
  reportScope,
  summaryFields,
  summarySections,
  type StatsReport,
} from "../reports/present.ts";
import {
  departmentNames,
  departmentScope,
  reportMonth,
  requireDepartment,
} from "../reports/scope.ts";
import type { ChartRenderer } from "../reports/services.ts";
import type { MonthlyFigures, StatsFilter } from "../reports/stats.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

const TREND_MONTHS = 12;

const strip = ({ period: _p, ...rest }: MonthlyFigures) => rest;

async function render(
  t: Translator,
  charts: ChartRenderer,
  specs: readonly ChartSpec[],
): Promise<{ files: ReplyFile[]; failed: string[] }> {
  const files: ReplyFile[] = [];
  const failed: string[] = [];
  for (const spec of specs) {
    try {
      files.push(await charts.render(spec));
    } catch (error) {
      failed.push(
        t("stats.chartFailed", {
          title: spec.title,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    }
  }
  return { files, failed };
}

/** The departments a month's figures name, with their display names: what the post needs. */
function named(
  figures: MonthlyFigures,
  names: Readonly<Record<string, string>>,
): Record<string, string> {
  const ids = [
    ...figures.byDepartment.map((r) => r.key),
    ...figures.responsibility.map((r) => r.departmentId),
  ];
  const out: Record<string, string> = {};
  for (const id of ids) {
    const name = id !== null && Object.hasOwn(names, id) ? names[id] : undefined;
    if (id !== null && name !== undefined) out[id] = name;
  }
  return out;
}

export default defineCommand({
  name: "stats",
  summary: msg("cmd.stats"),
  permission: { minRole: "dept-manager", scope: "any" },
  examples: [
    "complaint stats",
    "complaint stats month:2026-10",
    "complaint stats month:2026-10 dept:billing channel:hotline",
    "complaint stats month:2026-10 by:agent",
    "complaint stats month:2026-10 post:yes",
  ],
  options: (policy) => ({
    month: opt.text({ help: msg("arg.stats.month"), required: false, max: 7 }),
    dept: opt.department({ help: msg("arg.stats.dept"), required: false }),
    channel: opt.choice({
      help: msg("arg.stats.channel"),
      required: false,
      choices: policy.channels.map((c) => c.id),
    }),
    by: opt.choice({
      help: msg("arg.stats.by"),
      required: false,
      choices: ["summary", "agent", "dept"] as const,
    }),
    post: opt.boolean({ help: msg("arg.stats.post"), required: false }),
    charts: opt.boolean({ help: msg("arg.stats.charts"), required: false }),
  }),
  async handler(args, { actor, repos, policy, now, afterCommit, t }) {
    const tz = policy.timezone;
    const period = reportMonth(args.month, now, tz);
    const departmentId = departmentScope(actor, args.dept);
    const department = await requireDepartment(repos, departmentId);
    const filter: StatsFilter = {
      ...(departmentId ? { departmentId } : {}),
      ...(args.channel ? { channel: args.channel } : {}),
    };
    const names = await departmentNames(repos);
    const labels = reportLabels(t, {
      policy,
      departments: names,
      currency: policy.compensation.currency,
    });
    const scope = reportScope(t, [
      period.label,
      department?.name,
      args.channel ? labels.channel(args.channel) : undefined,
    ]);

    const by = args.by ?? "summary";
    if (by !== "summary") {
      const groups = await repos.reports.grouped(by, filter, period, now);
      const heading =
        by === "agent" ? t("stats.perAgent", { scope }) : t("stats.perDepartment", { scope });
      const stats: StatsReport = { month: period.label, filter, by, groups };
      return {
        text: t("stats.groups", { heading, count: groups.length, by }),
        sections: [
          {
            heading,
            lines: groupLines(t, groups, by === "agent" ? labels.staff : labels.department),
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
    const heading = t("stats.heading", { scope });
    const fields = summaryFields(t, figures, labels.currency);
    let posted: string | null = null;
    if (args.post) {
      const channel = department
        ? (department.channel ?? department.id)
        : policy.major.managementChannel;
      // The figures travel, not the words or the pictures: the post is worded
      // and its charts drawn at delivery, in the channel's language.
      const facts: MonthlyPostFacts = {
        month: period.label,
        filter,
        department: department?.name ?? null,
        figures: strip(figures),
        trend,
        currency: labels.currency,
        departments: named(figures, names),
      };
      await repos.journal.record(
        {
          complaintId: null,
          subject: `report:${departmentId ?? "all"}`,
          actorId: actor.id,
          action: "report.monthly",
          fromStatus: null,
          toStatus: null,
          version: null,
          data: { month: period.label, ...filter, channel },
        },
        [
          {
            type: "report.monthly",
            aggregateId: `monthly:${departmentId ?? "all"}:${period.label}`,
            payload: {
              actorId: actor.id,
              channel,
              // For readers of the raw event (and a renderer that cannot read the facts).
              text: monthlyPost(translator("en"), facts, policy).text,
              ...facts,
            },
          },
        ],
      );
      posted = channel;
    }
    if (args.charts !== false) {
      const specs = monthlyCharts(t, period.label, figures, trend, {
        category: labels.category,
        department: labels.department,
        scope,
      });
      afterCommit(async ({ services }) => {
        if (!services.charts) return {};
        const { files, failed } = await render(t, services.charts, specs);
        return failed.length
          ? { files, sections: [{ heading: t("stats.chartsFailed"), lines: failed }] }
          : { files };
      });
    }
    const before = { ...strip(previous), month: previous.period.label };
    const stats: StatsReport = {
      month: period.label,
      filter,
      figures: strip(figures),
      previous: before,
      trend,
    };
    return {
      text: t("stats.done", {
        heading,
        received: figures.received,
        closed: figures.closed,
        posted,
      }),
      title: heading,
      fields,
      sections: summarySections(t, figures, before, labels),
      stats,
    };
  },
});
