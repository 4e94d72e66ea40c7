import { auditDnc } from "../dnc/audit.ts";
import { dncCsv } from "../dnc/csv.ts";
import type { DncRecord } from "../dnc/dnc.ts";
import { formatWallTime } from "../time/zoned.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "dnc list",
  summary:
    "The do-not-contact list, a page at a time; export:yes gives it as CSV for other systems",
  permission: { minRole: "dept-manager", scope: "any" },
  examples: ["complaint dnc list", "complaint dnc list export:yes"],
  options: () => ({
    page: opt.integer({ help: "page number, from 1", required: false, min: 1, max: 100_000 }),
    export: opt.boolean({ help: "yes: the whole list as a CSV file", required: false }),
  }),
  async handler(args, { actor, repos, policy }) {
    if (args.export) {
      const all: DncRecord[] = [];
      for (let offset = 0; ; offset += 1000) {
        const { items } = await repos.dnc.list(1000, offset);
        all.push(...items);
        if (items.length < 1000) break;
      }
      await auditDnc(repos, actor, "dnc.exported", { rows: all.length });
      return {
        text: `do-not-contact list: ${all.length} entr${all.length === 1 ? "y" : "ies"} as CSV`,
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
      text: `${total} on the do-not-contact list`,
      sections: [
        {
          heading: "Do not contact",
          lines: items.map(
            (e) =>
              `${e.contact} | ${formatWallTime(e.addedAt, policy.timezone)} | ${e.addedById} | ${e.reason}`,
          ),
        },
      ],
    };
  },
});
