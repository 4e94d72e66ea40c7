import { ComplaintError, ErrorCode, invalidState } from "../errors.ts";
import { roles } from "../staff/role.ts";
import { staffView } from "../staff/view.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "staff role",
  summary: "Change a staff member's role",
  permission: { minRole: "admin", scope: "any" },
  examples: ["complaint staff role id:bob role:dept-manager"],
  options: () => ({
    id: opt.staff({ help: "staff id", required: true }),
    role: opt.choice({
      help: "agent, handler, dept-manager, vp, gm or admin",
      required: true,
      choices: roles,
    }),
  }),
  async handler(args, { actor, repos }) {
    const staff = await repos.staff.find(args.id);
    if (!staff)
      throw new ComplaintError(ErrorCode.UnknownStaff, `${args.id} is not in the staff directory`);
    if (staff.role === args.role) throw invalidState(`${staff.id} is already ${args.role}`);
    if (staff.role === "admin") {
      const admins = await repos.staff.list({ role: "admin" });
      if (admins.filter((a) => a.active).length <= 1) {
        throw invalidState(`${staff.id} is the last admin; make somebody else admin first`);
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
      text: `${updated.id} is now ${updated.role} (was ${staff.role})`,
      staff: staffView(updated),
    };
  },
});
