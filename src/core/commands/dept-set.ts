import { unknownStaff, validationError } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "dept set",
  summary: msg("cmd.dept-set"),
  permission: { minRole: "admin", scope: "any" },
  examples: [
    'complaint dept set id:billing name:"Billing" channel:billing-complaints manager:carol',
  ],
  options: (policy) => ({
    id: opt.department({ help: msg("arg.deptId"), required: true }),
    name: opt.text({
      help: msg("arg.dept.name"),
      required: false,
      max: policy.limits.nameMaxChars,
    }),
    channel: opt.text({
      help: msg("arg.dept.channel"),
      required: false,
      max: 80,
    }),
    manager: opt.staff({
      help: msg("arg.dept.manager"),
      required: false,
    }),
  }),
  async handler(args, { actor, repos, t }) {
    if (args.channel && !/^[a-z0-9][a-z0-9._-]{0,79}$/i.test(args.channel)) {
      throw validationError(msg("dept.badChannel", { channel: args.channel }), {
        channel: msg("dept.field.badReference"),
      });
    }
    if (args.manager) {
      const m = await repos.staff.find(args.manager);
      if (!m) throw unknownStaff(msg("staff.managerUnknown", { id: args.manager }));
    }
    const dept = await repos.departments.update(args.id, {
      ...(args.name ? { name: args.name } : {}),
      ...(args.channel ? { channel: args.channel } : {}),
      ...(args.manager ? { managerId: args.manager } : {}),
    });
    await repos.audit.append({
      complaintId: null,
      subject: `dept:${dept.id}`,
      actorId: actor.id,
      action: "dept.set",
      fromStatus: null,
      toStatus: null,
      version: null,
      data: { name: dept.name, channel: dept.channel, manager: dept.managerId },
    });
    return {
      text: t("dept.done", {
        id: dept.id,
        name: dept.name,
        channel: dept.channel ?? dept.id,
        manager: dept.managerId,
      }),
    };
  },
});
