import { z } from "zod";
import type { PolicyLabels, Translator } from "../i18n/translate.ts";
import { monthlyCharts, type ChartSpec } from "./charts.ts";
import { reportLabels, reportScope, summaryFields, summaryPost, type Figures } from "./present.ts";
import type { StatsFilter, TrendPoint } from "./stats.ts";

/**
 * What a `report.monthly` outbox event carries besides its channel: the
 * figures themselves, not text or pictures. The post is worded and its
 * charts are drawn when it is delivered, in the channel's language; the
 * figures are those the command saw, so a retry a day later posts the same.
 * A few kB, where the four PNGs would be a few hundred.
 */
export interface MonthlyPostFacts {
  month: string;
  filter: StatsFilter;
  /** Display name of the department the figures cover; null: every department. */
  department: string | null;
  figures: Figures;
  trend: TrendPoint[];
  currency: string;
  /** Display names of the departments the figures name, by id. */
  departments: Record<string, string>;
}

/** The post in `t`'s language: its text, and the charts to draw for it. */
export function monthlyPost(
  t: Translator,
  facts: MonthlyPostFacts,
  policy: Partial<Pick<PolicyLabels, "channels" | "categories">> | undefined,
): { heading: string; text: string; charts: ChartSpec[] } {
  const labels = reportLabels(t, {
    policy,
    departments: facts.departments,
    currency: facts.currency,
  });
  const scope = reportScope(t, [
    facts.month,
    facts.department,
    facts.filter.channel ? labels.channel(facts.filter.channel) : null,
  ]);
  const heading = t("stats.heading", { scope });
  return {
    heading,
    text: summaryPost(t, heading, summaryFields(t, facts.figures, facts.currency)),
    charts: monthlyCharts(t, facts.month, facts.figures, facts.trend, {
      category: labels.category,
      department: labels.department,
      scope,
    }),
  };
}

const n = z.number();
const countBy = z.array(z.object({ key: z.string().nullable(), count: n }));
const onTime = z.object({ onTime: n, late: n });
const money = z.object({ count: n, amount: z.string() });

const factsSchema = z.object({
  month: z.string(),
  filter: z.object({ departmentId: z.string().optional(), channel: z.string().optional() }),
  department: z.string().nullable(),
  figures: z.object({
    received: n,
    repeats: n,
    byChannel: countBy,
    byCategory: countBy,
    bySeverity: countBy,
    byDepartment: countBy,
    closed: n,
    closedInvalid: n,
    handling: z.object({
      measured: n,
      averageSeconds: n.nullable(),
      p90Seconds: n.nullable(),
    }),
    onTime: z.array(onTime.extend({ kind: z.string() })),
    callbacks: z.object({ total: n, satisfied: n }),
    responsibility: z.array(z.object({ departmentId: z.string(), complaints: n, sharePoints: n })),
    compensation: z.object({ requested: money, approved: money, rejected: money }),
  }),
  trend: z.array(z.object({ label: z.string(), received: n, closed: n, onTime })),
  currency: z.string(),
  departments: z.record(z.string(), z.string()),
});

/** The facts of a `report.monthly` payload; null for events written before they were carried. */
export function monthlyPostFacts(payload: Record<string, unknown>): MonthlyPostFacts | null {
  const parsed = factsSchema.safeParse(payload);
  if (!parsed.success) return null;
  const { filter, ...rest } = parsed.data;
  return {
    ...rest,
    filter: {
      ...(filter.departmentId === undefined ? {} : { departmentId: filter.departmentId }),
      ...(filter.channel === undefined ? {} : { channel: filter.channel }),
    },
  };
}
