import { invalidState, unknownStaff } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { roles } from "../staff/role.ts";
import { staffView } from "../staff/view.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "staff role",
  summary: msg("cmd.staff-role"),
  permission: { minRole: "admin", scope: "any" },
  examples: ["complaint staff role id:bob role:dept-manager"],
  options: () => ({
    id: opt.staff({ help: msg("arg.staffId"), required: true }),
    role: opt.choice({
      help: msg("arg.role"),
      required: true,
      choices: roles,
    }),
  }),
  async handler(args, { actor, repos, t }) {
    const staff = await repos.staff.find(args.id);
    if (!staff) throw unknownStaff(msg("staff.unknown", { id: args.id }));
    if (staff.role === args.role)
      throw invalidState(msg("staff.alreadyRole", { id: staff.id, role: args.role }));
    if (staff.role === "admin") {
      const admins = await repos.staff.list({ role: "admin" });
      if (admins.filter((a) => a.active).length <= 1) {
        throw invalidState(msg("staff.lastAdmin", { id: staff.id }));
      }
    }
    const updated = await repos.staff.update(staff.id, { role: args.role });
    await repos.audit.append({
      complaintId: null,
      subject: `staff:${staff.id}`,
      actorId: actor.id,
      action: "staff.role_changed",
      fromStatus: null,
      toStatus: null,
      version: null,
      data: { from: staff.role, to: updated.role },
    });
    return {
      text: t("staff.roleChanged", { id: updated.id, role: updated.role, was: staff.role }),
      staff: staffView(updated),
    };
  },
});
