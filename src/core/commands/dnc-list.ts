import { auditDnc } from "../dnc/audit.ts";
import { dncCsv } from "../dnc/csv.ts";
import type { DncRecord } from "../dnc/dnc.ts";
import { msg } from "../i18n/translate.ts";
import { formatWallTime } from "../time/zoned.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "dnc list",
  summary: msg("cmd.dnc-list"),
  permission: { minRole: "dept-manager", scope: "any" },
  examples: ["complaint dnc list", "complaint dnc list export:yes"],
  options: () => ({
    page: opt.integer({ help: msg("arg.page"), required: false, min: 1, max: 100_000 }),
    export: opt.boolean({ help: msg("arg.dnc.export"), required: false }),
  }),
  async handler(args, { actor, repos, policy, t }) {
    if (args.export) {
      const all: DncRecord[] = [];
      for (let offset = 0; ; offset += 1000) {
        const { items } = await repos.dnc.list(1000, offset);
        all.push(...items);
        if (items.length < 1000) break;
      }
      await auditDnc(repos, actor, "dnc.exported", { rows: all.length });
      return {
        text: t("dnc.exported", { count: all.length }),
        attachment: {
          filename: "do-not-contact.csv",
          contentType: "text/csv",
          content: dncCsv(all),
        },
      };
    }
    const size = policy.limits.listPageSize;
    const page = args.page ?? 1;
    const { items, total } = await repos.dnc.list(size, (page - 1) * size);
    return {
      text: t("dnc.total", { total }),
      sections: [
        {
          heading: t("dnc.heading"),
          lines: items.map(
            (e) =>
              `${e.contact} | ${formatWallTime(e.addedAt, policy.timezone)} | ${e.addedById} | ${e.reason}`,
          ),
        },
      ],
    };
  },
});
