import { ComplaintError, ErrorCode, validationError } from "../errors.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "dept set",
  summary: "Create or change a department: its name, team channel and manager",
  permission: { minRole: "admin", scope: "any" },
  examples: [
    'complaint dept set id:billing name:"Billing" channel:billing-complaints manager:carol',
  ],
  options: (policy) => ({
    id: opt.department({ help: "department id", required: true }),
    name: opt.text({ help: "display name", required: false, max: policy.limits.nameMaxChars }),
    channel: opt.text({
      help: "team channel reference (mapped to a Slack / Discord channel by the adapter)",
      required: false,
      max: 80,
    }),
    manager: opt.staff({
      help: "department manager (approves compensation up to the first tier)",
      required: false,
    }),
  }),
  async handler(args, { actor, repos }) {
    if (args.channel && !/^[a-z0-9][a-z0-9._-]{0,79}$/i.test(args.channel)) {
      throw validationError(
        `channel: ${JSON.stringify(args.channel)} must be a channel reference: letters, digits, '.', '_', '-'`,
        { channel: "bad reference" },
      );
    }
    if (args.manager) {
      const m = await repos.staff.find(args.manager);
      if (!m)
        throw new ComplaintError(
          ErrorCode.UnknownStaff,
          `manager ${args.manager} is not in the staff directory`,
        );
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
      text: `Department ${dept.id}: ${dept.name}, channel #${dept.channel ?? dept.id}, manager ${dept.managerId ?? "none"}`,
    };
  },
});
