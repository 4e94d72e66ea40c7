import { ComplaintError, ErrorCode, unknownStaff, validationError } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { platforms } from "../staff/staff.ts";
import { staffView } from "../staff/view.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "staff link",
  summary: msg("cmd.staff-link"),
  permission: { minRole: "admin", scope: "any" },
  examples: [
    "complaint staff link id:bob platform:slack user:U024BE7LH",
    "complaint staff link id:bob platform:discord user:80351110224678912",
  ],
  options: () => ({
    id: opt.staff({ help: msg("arg.staffId"), required: true }),
    platform: opt.choice({ help: msg("arg.link.platform"), required: true, choices: platforms }),
    user: opt.text({
      help: msg("arg.link.user"),
      required: true,
      max: 64,
    }),
  }),
  async handler(args, { actor, repos, t }) {
    if (!/^[A-Za-z0-9_-]{2,64}$/.test(args.user)) {
      throw validationError(msg("link.badUser", { user: args.user, platform: args.platform }), {
        user: msg("link.field.notAUser"),
      });
    }
    const staff = await repos.staff.find(args.id);
    if (!staff) throw unknownStaff(msg("staff.unknown", { id: args.id }));
    const holder = await repos.staff.findByIdentity(args.platform, args.user);
    if (holder) {
      throw new ComplaintError(
        holder.id === staff.id ? ErrorCode.InvalidState : ErrorCode.Duplicate,
        holder.id === staff.id
          ? msg("link.already", { platform: args.platform, user: args.user, id: staff.id })
          : msg("link.taken", { platform: args.platform, user: args.user, holder: holder.id }),
      );
    }
    if (!(await repos.staff.linkIdentity(staff.id, args.platform, args.user))) {
      throw new ComplaintError(
        ErrorCode.Conflict,
        msg("link.raced", { platform: args.platform, user: args.user }),
      );
    }
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
    return {
      text: t("link.done", { id: staff.id, platform: args.platform, user: args.user }),
      staff: staffView(staff),
    };
  },
});
