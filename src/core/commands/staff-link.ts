import { ComplaintError, ErrorCode } from "../errors.ts";
import { platforms } from "../staff/staff.ts";
import { staffView } from "../staff/view.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "staff link",
  summary: "Link a staff member to their Slack or Discord account",
  permission: { minRole: "admin", scope: "any" },
  examples: [
    "complaint staff link id:bob platform:slack user:U024BE7LH",
    "complaint staff link id:bob platform:discord user:80351110224678912",
  ],
  options: () => ({
    id: opt.staff({ help: "staff id", required: true }),
    platform: opt.choice({ help: "slack or discord", required: true, choices: platforms }),
    user: opt.text({
      help: "the platform's user id (Slack U…, Discord snowflake)",
      required: true,
      max: 64,
    }),
  }),
  async handler(args, { actor, repos }) {
    if (!/^[A-Za-z0-9_-]{2,64}$/.test(args.user)) {
      throw new ComplaintError(
        ErrorCode.Validation,
        `user: ${JSON.stringify(args.user)} is not a ${args.platform} user id`,
        {
          details: { fields: { user: "not a user id" } },
        },
      );
    }
    const staff = await repos.staff.find(args.id);
    if (!staff)
      throw new ComplaintError(ErrorCode.UnknownStaff, `${args.id} is not in the staff directory`);
    const holder = await repos.staff.findByIdentity(args.platform, args.user);
    if (holder) {
      throw new ComplaintError(
        holder.id === staff.id ? ErrorCode.InvalidState : ErrorCode.Duplicate,
        holder.id === staff.id
          ? `${args.platform} user ${args.user} is already linked to ${staff.id}`
          : `${args.platform} user ${args.user} is linked to ${holder.id}; one account maps to one person`,
      );
    }
    await repos.staff.linkIdentity(staff.id, args.platform, args.user);
    await repos.audit.append({
      complaintId: null,
      subject: `staff:${staff.id}`,
      actorId: actor.id,
      action: "staff.linked",
      fromStatus: null,
      toStatus: null,
      version: null,
      data: { platform: args.platform, user: args.user },
    });
    return { text: `${staff.id} is ${args.platform} user ${args.user}`, staff: staffView(staff) };
  },
});
