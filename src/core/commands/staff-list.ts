import { msg } from "../i18n/translate.ts";
import { roles } from "../staff/role.ts";
import { staffView } from "../staff/view.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "staff list",
  summary: msg("cmd.staff-list"),
  permission: { minRole: "agent", scope: "any" },
  examples: ["complaint staff list", "complaint staff list dept:billing"],
  options: () => ({
    dept: opt.department({ help: msg("arg.onlyDept"), required: false }),
    role: opt.choice({ help: msg("arg.staff.onlyRole"), required: false, choices: roles }),
  }),
  async handler(args, { repos, t }) {
    const list = await repos.staff.list({
      ...(args.dept ? { departmentId: args.dept } : {}),
      ...(args.role ? { role: args.role } : {}),
    });
    const views = list.map(staffView);
    return {
      text: t("staff.count", { count: views.length }),
      staffList: views,
      sections: [
        {
          heading: t("staff.heading"),
          lines: views.map((s) => t("staff.line", s)),
        },
      ],
    };
  },
});
