import { notFound, validationError } from "../errors.ts";
import { inEnglish, msg, translator } from "../i18n/translate.ts";
import { dailyReport, type DailyReportFacts } from "../notifications/daily-report.ts";
import { fromWallTime, formatWallTime, wallTime } from "../time/zoned.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

const DAY_MS = 86_400_000;

export default defineCommand({
  name: "daily",
  summary: msg("cmd.daily"),
  permission: { minRole: "agent", scope: "any" },
  examples: ["complaint daily", "complaint daily dept:billing date:2026-11-23"],
  options: () => ({
    dept: opt.department({
      help: msg("arg.daily.dept"),
      required: false,
    }),
    date: opt.text({ help: msg("arg.daily.date"), required: false, max: 10 }),
  }),
  async handler(args, { actor, repos, policy, now, t }) {
    const tz = policy.timezone;
    let day = wallTime(now, tz);
    if (args.date) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(args.date);
      if (!m)
        throw validationError(msg("daily.badDate", { date: args.date }), {
          date: msg("daily.field.notADay"),
        });
      day = {
        year: Number(m[1]),
        month: Number(m[2]),
        day: Number(m[3]),
        hour: 0,
        minute: 0,
        second: 0,
      };
    }
    const from = fromWallTime({ ...day, hour: 0, minute: 0, second: 0 }, tz);
    const to = new Date(from.getTime() + DAY_MS);
    const tomorrowEnd = new Date(to.getTime() + DAY_MS);
    const departmentId = args.dept ?? actor.departmentId;
    const department = departmentId ? await repos.departments.find(departmentId) : null;
    if (departmentId && !department) throw notFound(msg("dept.unknown", { dept: departmentId }));
    const counts = await repos.reports.daily(departmentId, { from, to, tomorrowEnd, now });
    const label = formatWallTime(from, tz).slice(0, 10);
    const facts: DailyReportFacts = {
      day: label,
      department: department?.name ?? null,
      opened: counts.opened,
      closed: counts.closed,
      overdue: counts.overdue,
      dueTomorrow: counts.dueTomorrow,
    };
    const { heading, lines } = dailyReport(t, facts);
    // The post carries the facts, so the channel reads it in its own language; `text` is English.
    const english = dailyReport(translator("en"), facts);
    const channel = department
      ? (department.channel ?? department.id)
      : policy.major.managementChannel;
    await repos.journal.record(
      {
        complaintId: null,
        subject: `report:${departmentId ?? "all"}`,
        actorId: actor.id,
        action: "report.daily",
        fromStatus: null,
        toStatus: null,
        version: null,
        data: { day: label, ...counts },
      },
      [
        {
          type: "report.daily",
          aggregateId: `daily:${departmentId ?? "all"}:${label}`,
          payload: {
            actorId: actor.id,
            channel,
            text: inEnglish(msg("daily.post", english)),
            ...facts,
          },
        },
      ],
    );
    return { text: t("daily.posted", { heading, channel }), sections: [{ heading, lines }] };
  },
});
