import { ComplaintError, ErrorCode, invalidState, validationError } from "../errors.ts";
import type { NewStaff } from "../ports.ts";
import { staffView } from "../staff/view.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

export default defineCommand({
  name: "staff edit",
  summary:
    "Change a staff member's name, e-mail, department, manager, language, or deactivate them",
  permission: { minRole: "admin", scope: "any" },
  examples: ["complaint staff edit id:bob manager:carol", "complaint staff edit id:amy active:no"],
  options: (policy) => ({
    id: opt.staff({ help: "staff id", required: true }),
    name: opt.text({ help: "full name", required: false, max: policy.limits.nameMaxChars }),
    email: opt.email({ help: "work e-mail", required: false }),
    dept: opt.department({ help: "department id", required: false }),
    manager: opt.staff({ help: "line manager escalations go to", required: false }),
    locale: opt.choice({
      help: "reply language",
      required: false,
      choices: ["zh-CN", "en"] as const,
    }),
    active: opt.boolean({
      help: "no: deactivate (keeps history, refuses new work)",
      required: false,
    }),
  }),
  async handler(args, { actor, repos }) {
    const staff = await repos.staff.find(args.id);
    if (!staff)
      throw new ComplaintError(ErrorCode.UnknownStaff, `${args.id} is not in the staff directory`);
    const patch: Partial<Omit<NewStaff, "id">> & { active?: boolean } = {};
    if (args.name) patch.name = args.name;
    if (args.email) {
      const holder = await repos.staff.findByEmail(args.email);
      if (holder && holder.id !== staff.id) {
        throw new ComplaintError(
          ErrorCode.Duplicate,
          `email: ${args.email} already belongs to ${holder.id}`,
        );
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
          throw validationError(
            `manager: ${args.manager} reports (directly or not) to ${staff.id}; that would be a loop`,
            { manager: "loop" },
          );
        }
        seen.add(cursor);
        const m = await repos.staff.find(cursor);
        if (!m)
          throw new ComplaintError(
            ErrorCode.UnknownStaff,
            `manager ${cursor} is not in the staff directory`,
          );
        cursor = m.managerId;
      }
      patch.managerId = args.manager;
    }
    if (args.locale) patch.locale = args.locale;
    if (args.active !== undefined) {
      if (!args.active && staff.role === "admin") {
        const admins = (await repos.staff.list({ role: "admin" })).filter((a) => a.active);
        if (admins.length <= 1)
          throw invalidState(
            `${staff.id} is the last active admin; make somebody else admin first`,
          );
      }
      patch.active = args.active;
    }
    if (Object.keys(patch).length === 0)
      throw validationError(
        "nothing to change: give at least one of name, email, dept, manager, locale, active",
      );
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
      text: `${updated.id} updated: ${Object.keys(patch).join(", ")}`,
      staff: staffView(updated),
    };
  },
});
