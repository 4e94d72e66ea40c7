import { requireCaseParty } from "../complaint/access.ts";
import { isOpen } from "../complaint/lifecycle.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintLine } from "../complaint/present.ts";
import { complaintView } from "../complaint/view.ts";
import { forbidden, invalidState, unknownStaff, validationError } from "../errors.ts";
import { inEnglish, msg } from "../i18n/translate.ts";
import { isManagerRole, mayBeAssigned } from "../staff/role.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

const openStatuses = [
  "registered",
  "triaged",
  "assigned",
  "in_progress",
  "resolved",
  "callback_done",
  "invalid",
] as const;

export default defineCommand({
  name: "handover",
  summary: msg("cmd.handover"),
  permission: { minRole: "agent", scope: "any" },
  examples: [
    'complaint handover id:TS-2611-0001 to:dan note:"Customer prefers calls after 6 pm"',
    'complaint handover to:dan note:"Night shift: 2 callbacks due tomorrow"',
    "complaint handover from:bob to:hana",
  ],
  options: (policy) => ({
    to: opt.staff({ help: msg("arg.handover.to"), required: true }),
    id: opt.complaint({
      help: msg("arg.handover.id"),
      required: false,
    }),
    from: opt.staff({
      help: msg("arg.handover.from"),
      required: false,
    }),
    note: opt.longText({
      help: msg("arg.handover.note"),
      required: false,
      max: policy.limits.noteMaxChars,
    }),
  }),
  async handler(args, { actor, repos, t }) {
    const receiver = await repos.staff.find(args.to);
    if (!receiver) throw unknownStaff(msg("staff.unknown", { id: args.to }));
    if (!receiver.active) throw invalidState(msg("handover.deactivated", { id: receiver.id }));
    if (args.id) {
      if (args.from)
        throw validationError(msg("handover.fromWithId"), {
          from: msg("handover.field.notWithId"),
        });
      const c = await loadComplaint(repos, args.id);
      requireCaseParty(actor, c, "handover");
      if (!isOpen(c.status)) throw invalidState(msg("handover.closed", { number: c.number }));
      if (c.ownerId === receiver.id)
        throw invalidState(msg("handover.alreadyOwns", { id: receiver.id, number: c.number }));
      const updated = await applyChange(repos, actor, c, {
        action: "complaint.handover",
        patch: { ownerId: receiver.id },
        detail: { from: c.ownerId, to: receiver.id, note: args.note ?? null },
        event: { fromId: c.ownerId, toId: receiver.id, role: "owner", note: args.note ?? null },
      });
      return {
        text: t("handover.caseDone", { number: updated.number, from: c.ownerId, to: receiver.id }),
        complaint: complaintView(updated, { showContact: true }),
      };
    }
    const giverId = args.from ?? actor.id;
    if (giverId !== actor.id && !isManagerRole(actor.role)) {
      throw forbidden(msg("handover.onlyManager"));
    }
    if (giverId === receiver.id)
      throw validationError(msg("handover.samePerson"), { to: msg("handover.field.samePerson") });
    const giver = await repos.staff.find(giverId);
    if (!giver) throw unknownStaff(msg("staff.unknown", { id: giverId }));
    const { items } = await repos.complaints.list({
      involving: giverId,
      statuses: openStatuses,
      limit: 10_000,
      offset: 0,
    });
    const assigned = items.filter((c) => c.assigneeId === giverId);
    if (assigned.length > 0 && !mayBeAssigned(receiver)) {
      throw forbidden(
        msg("handover.cannotTake", {
          id: receiver.id,
          role: receiver.role,
          count: assigned.length,
          giver: giverId,
        }),
      );
    }
    const lines: string[] = [];
    for (const c of items) {
      const patch = {
        ...(c.ownerId === giverId ? { ownerId: receiver.id } : {}),
        ...(c.assigneeId === giverId ? { assigneeId: receiver.id } : {}),
      };
      const updated = await applyChange(repos, actor, c, {
        action: "complaint.handover",
        patch,
        detail: { from: giverId, to: receiver.id, shift: true, note: args.note ?? null },
      });
      lines.push(complaintLine(complaintView(updated, { showContact: false }), t));
    }
    const shift = {
      count: items.length,
      note: args.note ?? null,
      cases: items.map((c) => c.number),
    };
    await repos.audit.append({
      complaintId: null,
      subject: `staff:${giverId}`,
      actorId: actor.id,
      action: "shift.handover",
      fromStatus: null,
      toStatus: null,
      version: null,
      data: { to: receiver.id, cases: items.map((c) => c.number), note: args.note ?? null },
    });
    await repos.outbox.add({
      type: "shift.handover",
      aggregateId: `staff:${giverId}`,
      payload: {
        actorId: actor.id,
        fromId: giverId,
        toId: receiver.id,
        // English summary for older readers; the notification renders the parts in its reader's language.
        summary: inEnglish(msg("notify.shiftSummary", shift)),
        ...shift,
      },
    });
    return {
      text: t("handover.shiftDone", {
        count: items.length,
        note: args.note ?? null,
        from: giverId,
        to: receiver.id,
      }),
      sections: [
        {
          heading: t("handover.heading", { to: receiver.id }),
          lines: lines.length ? lines : [t("handover.noCases")],
        },
      ],
    };
  },
});
