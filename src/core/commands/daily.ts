import { notFound, validationError } from "../errors.ts";
import { fromWallTime, formatWallTime, wallTime } from "../time/zoned.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

const DAY_MS = 86_400_000;

export default defineCommand({
  name: "daily",
  summary: "Post the day's report (new, closed, overdue, due tomorrow) to the team channel",
  permission: { minRole: "agent", scope: "any" },
  examples: ["complaint daily", "complaint daily dept:billing date:2026-11-23"],
  options: () => ({
    dept: opt.department({
      help: "the team (default yours; none: every team, posted to management)",
      required: false,
    }),
    date: opt.text({ help: "the day, YYYY-MM-DD (default today)", required: false, max: 10 }),
  }),
  async handler(args, { actor, repos, policy, now }) {
    const tz = policy.timezone;
    let day = wallTime(now, tz);
    if (args.date) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(args.date);
      if (!m)
        throw validationError(
          `date: ${JSON.stringify(args.date)} must be a day such as 2026-11-23`,
          { date: "not a day" },
        );
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
    if (departmentId && !department) throw notFound(`there is no department ${departmentId}`);
    const counts = await repos.reports.daily(departmentId, { from, to, tomorrowEnd, now });
    const label = formatWallTime(from, tz).slice(0, 10);
    const lines = [
      `New: ${counts.opened}`,
      `Closed: ${counts.closed}`,
      `Overdue: ${counts.overdue.length}${counts.overdue.length ? ` (${counts.overdue.join(", ")})` : ""}`,
      `Due tomorrow: ${counts.dueTomorrow.length}${counts.dueTomorrow.length ? ` (${counts.dueTomorrow.join(", ")})` : ""}`,
    ];
    const heading = `Daily report ${label}${department ? ` for ${department.name}` : ""}`;
    const channel = department
      ? (department.channel ?? department.id)
      : policy.major.managementChannel;
    await repos.outbox.add({
      type: "report.daily",
      aggregateId: `daily:${departmentId ?? "all"}:${label}`,
      payload: { actorId: actor.id, channel, text: `${heading}: ${lines.join("; ")}` },
    });
    await repos.audit.append({
      complaintId: null,
      subject: `report:${departmentId ?? "all"}`,
      actorId: actor.id,
      action: "report.daily",
      fromStatus: null,
      toStatus: null,
      version: null,
      data: { day: label, ...counts },
    });
    return { text: `${heading}, posted to #${channel}`, sections: [{ heading, lines }] };
  },
});
