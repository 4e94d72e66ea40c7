import { roles } from "../staff/role.ts";
import { staffView } from "../staff/view.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "staff list",
  summary: "List the staff directory",
  permission: { minRole: "agent", scope: "any" },
  examples: ["complaint staff list", "complaint staff list dept:billing"],
  options: () => ({
    dept: opt.department({ help: "only this department", required: false }),
    role: opt.choice({ help: "only this role", required: false, choices: roles }),
  }),
  async handler(args, { repos }) {
    const list = await repos.staff.list({
      ...(args.dept ? { departmentId: args.dept } : {}),
      ...(args.role ? { role: args.role } : {}),
    });
    const views = list.map(staffView);
    return {
      text: `${views.length} staff`,
      staffList: views,
      sections: [
        {
          heading: "Staff",
          lines: views.map(
            (s) =>
              `${s.id} | ${s.name} | ${s.role} | ${s.department ?? "-"} | manager ${s.manager ?? "-"}${s.active ? "" : " | inactive"}`,
          ),
        },
      ],
    };
  },
});
