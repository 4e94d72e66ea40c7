import { ComplaintError, ErrorCode, validationError } from "../errors.ts";
import { roles } from "../staff/role.ts";
import { staffView } from "../staff/view.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "staff add",
  summary: "Add a staff member (creates their department if it is new)",
  permission: { minRole: "admin", scope: "any" },
  examples: [
    'complaint staff add id:carol name:"Carol Wu" role:dept-manager dept:billing',
    'complaint staff add id:bob name:"Bob Chen" role:handler dept:billing manager:carol',
  ],
  options: (policy) => ({
    id: opt.staff({ help: "staff id: lower-case letters, digits, '.', '_', '-'", required: true }),
    name: opt.text({ help: "full name", required: true, max: policy.limits.nameMaxChars }),
    email: opt.email({
      help: "work e-mail; chat accounts with this e-mail map to this person",
      required: false,
    }),
    role: opt.choice({
      help: "agent, handler, dept-manager, vp, gm or admin",
      required: true,
      choices: roles,
    }),
    dept: opt.department({ help: "department id", required: false }),
    manager: opt.staff({ help: "line manager escalations go to", required: false }),
    locale: opt.choice({
      help: "reply language",
      required: false,
      choices: ["zh-CN", "en"] as const,
    }),
  }),
  async handler(args, { actor, repos }) {
    if (await repos.staff.find(args.id)) {
      throw new ComplaintError(
        ErrorCode.Duplicate,
        `${args.id} is already in the staff directory; complaint staff role changes a role`,
      );
    }
    if (args.manager) {
      if (args.manager === args.id)
        throw validationError(`manager: ${args.id} cannot be their own manager`, {
          manager: "self",
        });
      if (!(await repos.staff.find(args.manager))) {
        throw new ComplaintError(
          ErrorCode.UnknownStaff,
          `manager ${args.manager} is not in the staff directory; add them first`,
        );
      }
    }
    if (args.email && (await repos.staff.findByEmail(args.email))) {
      throw new ComplaintError(
        ErrorCode.Duplicate,
        `email: ${args.email} already belongs to another staff member`,
      );
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
      text: `Added ${staff.id} (${staff.name}) as ${staff.role}${staff.departmentId ? ` in ${staff.departmentId}` : ""}`,
      staff: staffView(staff),
    };
  },
});
