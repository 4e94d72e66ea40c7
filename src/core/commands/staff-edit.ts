import { duplicate, invalidState, unknownStaff, validationError } from "../errors.ts";
import { LOCALES, msg } from "../i18n/translate.ts";
import type { NewStaff } from "../ports.ts";
import { staffView } from "../staff/view.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "staff edit",
  summary: msg("cmd.staff-edit"),
  permission: { minRole: "admin", scope: "any" },
  examples: ["complaint staff edit id:bob manager:carol", "complaint staff edit id:amy active:no"],
  options: (policy) => ({
    id: opt.staff({ help: msg("arg.staffId"), required: true }),
    name: opt.text({ help: msg("arg.fullName"), required: false, max: policy.limits.nameMaxChars }),
    email: opt.email({ help: msg("arg.staff.workEmail"), required: false }),
    dept: opt.department({ help: msg("arg.deptId"), required: false }),
    manager: opt.staff({ help: msg("arg.manager"), required: false }),
    locale: opt.choice({
      help: msg("arg.locale"),
      required: false,
      choices: LOCALES,
    }),
    active: opt.boolean({
      help: msg("arg.staff.active"),
      required: false,
    }),
  }),
  async handler(args, { actor, repos, t }) {
    const staff = await repos.staff.find(args.id);
    if (!staff) throw unknownStaff(msg("staff.unknown", { id: args.id }));
    const patch: Partial<Omit<NewStaff, "id">> & { active?: boolean } = {};
    if (args.name) patch.name = args.name;
    if (args.email) {
      const holder = await repos.staff.findByEmail(args.email);
      if (holder && holder.id !== staff.id) {
        throw duplicate(msg("staff.emailHeld", { email: args.email, holder: holder.id }));
      }
      patch.email = args.email;
    }
    if (args.dept)
      patch.departmentId = (
        await repos.departments.ensure(args.dept, { name: args.dept, channel: args.dept })
      ).id;
    if (args.manager) {
      // Escalations climb the manager line, so it must not loop back.
      let cursor: string | null = args.manager;
      const seen = new Set<string>();
      while (cursor && !seen.has(cursor)) {
        if (cursor === staff.id) {
          throw validationError(msg("staff.managerLoop", { manager: args.manager, id: staff.id }), {
            manager: msg("staff.field.loop"),
          });
        }
        seen.add(cursor);
        const m = await repos.staff.find(cursor);
        if (!m) throw unknownStaff(msg("staff.managerUnknown", { id: cursor }));
        cursor = m.managerId;
      }
      patch.managerId = args.manager;
    }
    if (args.locale) patch.locale = args.locale;
    if (args.active !== undefined) {
      if (!args.active && staff.role === "admin") {
        const admins = (await repos.staff.list({ role: "admin" })).filter((a) => a.active);
        if (admins.length <= 1) throw invalidState(msg("staff.lastActiveAdmin", { id: staff.id }));
      }
      patch.active = args.active;
    }
    if (Object.keys(patch).length === 0) throw validationError(msg("staff.nothing"));
    const updated = await repos.staff.update(staff.id, patch);
    await repos.audit.append({
      complaintId: null,
      subject: `staff:${staff.id}`,
      actorId: actor.id,
      action: "staff.edited",
      fromStatus: null,
      toStatus: null,
      version: null,
      data: { changes: patch },
    });
    return {
      text: t("staff.updated", { id: updated.id, changes: Object.keys(patch) }),
      staff: staffView(updated),
    };
  },
});
