import { duplicate, unknownStaff, validationError } from "../errors.ts";
import { LOCALES, msg } from "../i18n/translate.ts";
import { roles } from "../staff/role.ts";
import { staffView } from "../staff/view.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "staff add",
  summary: msg("cmd.staff-add"),
  permission: { minRole: "admin", scope: "any" },
  examples: [
    'complaint staff add id:carol name:"Carol Wu" role:dept-manager dept:billing',
    'complaint staff add id:bob name:"Bob Chen" role:handler dept:billing manager:carol',
  ],
  options: (policy) => ({
    id: opt.staff({ help: msg("arg.staff.id"), required: true }),
    name: opt.text({ help: msg("arg.fullName"), required: true, max: policy.limits.nameMaxChars }),
    email: opt.email({
      help: msg("arg.staff.email"),
      required: false,
    }),
    role: opt.choice({
      help: msg("arg.role"),
      required: true,
      choices: roles,
    }),
    dept: opt.department({ help: msg("arg.deptId"), required: false }),
    manager: opt.staff({ help: msg("arg.manager"), required: false }),
    locale: opt.choice({
      help: msg("arg.locale"),
      required: false,
      choices: LOCALES,
    }),
  }),
  async handler(args, { actor, repos, t }) {
    if (await repos.staff.find(args.id)) {
      throw duplicate(msg("staff.exists", { id: args.id }));
    }
    if (args.manager) {
      if (args.manager === args.id)
        throw validationError(msg("staff.selfManager", { id: args.id }), {
          manager: msg("staff.field.self"),
        });
      if (!(await repos.staff.find(args.manager))) {
        throw unknownStaff(msg("staff.unknownManager", { id: args.manager }));
      }
    }
    if (args.email && (await repos.staff.findByEmail(args.email))) {
      throw duplicate(msg("staff.emailTaken", { email: args.email }));
    }
    const department = args.dept
      ? await repos.departments.ensure(args.dept, { name: args.dept, channel: args.dept })
      : null;
    const staff = await repos.staff.insert({
      id: args.id,
      name: args.name,
      email: args.email ?? null,
      role: args.role,
      departmentId: department?.id ?? null,
      managerId: args.manager ?? null,
      locale: args.locale ?? null,
    });
    if (department && args.role === "dept-manager" && !department.managerId) {
      await repos.departments.setManager(department.id, staff.id);
    }
    await repos.audit.append({
      complaintId: null,
      subject: `staff:${staff.id}`,
      actorId: actor.id,
      action: "staff.added",
      fromStatus: null,
      toStatus: null,
      version: null,
      data: { role: staff.role, department: staff.departmentId, manager: staff.managerId },
    });
    return {
      text: t("staff.added", {
        id: staff.id,
        name: staff.name,
        role: staff.role,
        dept: staff.departmentId,
      }),
      staff: staffView(staff),
    };
  },
});
