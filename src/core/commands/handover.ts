import { requireCaseParty } from "../complaint/access.ts";
import { isOpen } from "../complaint/lifecycle.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { complaintLine } from "../complaint/present.ts";
import { complaintView } from "../complaint/view.ts";
import { ComplaintError, ErrorCode, forbidden, invalidState, validationError } from "../errors.ts";
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
  summary:
    "Hand one case's ownership to someone (id:), or your whole shift: every open case you own or handle",
  permission: { minRole: "agent", scope: "any" },
  examples: [
    'complaint handover id:TS-2611-0001 to:dan note:"Customer prefers calls after 6 pm"',
    'complaint handover to:dan note:"Night shift: 2 callbacks due tomorrow"',
    "complaint handover from:bob to:hana",
  ],
  options: (policy) => ({
    to: opt.staff({ help: "who takes over", required: true }),
    id: opt.complaint({
      help: "one complaint whose first-contact ownership moves",
      required: false,
    }),
    from: opt.staff({
      help: "whose shift is handed over (managers; default you)",
      required: false,
    }),
    note: opt.longText({
      help: "what the receiver needs to know",
      required: false,
      max: policy.limits.noteMaxChars,
    }),
  }),
  async handler(args, { actor, repos }) {
    const receiver = await repos.staff.find(args.to);
    if (!receiver)
      throw new ComplaintError(ErrorCode.UnknownStaff, `${args.to} is not in the staff directory`);
    if (!receiver.active) throw invalidState(`${receiver.id} is deactivated and cannot take cases`);
    if (args.id) {
      if (args.from)
        throw validationError("from: not with id:; a single case moves from its current owner", {
          from: "not with id",
        });
      const c = await loadComplaint(repos, args.id);
      requireCaseParty(actor, c, "hand it over");
      if (!isOpen(c.status))
        throw invalidState(`${c.number} is closed; ownership of a closed case does not move`);
      if (c.ownerId === receiver.id) throw invalidState(`${receiver.id} already owns ${c.number}`);
      const updated = await applyChange(repos, actor, c, {
        action: "complaint.handover",
        patch: { ownerId: receiver.id },
        detail: { from: c.ownerId, to: receiver.id, note: args.note ?? null },
        event: { fromId: c.ownerId, toId: receiver.id, role: "owner", note: args.note ?? null },
      });
      return {
        text: `${updated.number}: ownership handed from ${c.ownerId} to ${receiver.id}`,
        complaint: complaintView(updated, { showContact: true }),
      };
    }
    const giverId = args.from ?? actor.id;
    if (giverId !== actor.id && !isManagerRole(actor.role)) {
      throw forbidden("only a manager may hand over someone else's shift");
    }
    if (giverId === receiver.id)
      throw validationError("to: is the person handing over; pick someone else", {
        to: "same person",
      });
    const giver = await repos.staff.find(giverId);
    if (!giver)
      throw new ComplaintError(ErrorCode.UnknownStaff, `${giverId} is not in the staff directory`);
    const { items } = await repos.complaints.list({
      involving: giverId,
      statuses: openStatuses,
      limit: 10_000,
      offset: 0,
    });
    const assigned = items.filter((c) => c.assigneeId === giverId);
    if (assigned.length > 0 && !mayBeAssigned(receiver)) {
      throw forbidden(
        `${receiver.id} is ${receiver.role === "admin" ? "an admin" : "an agent"} and cannot take the ${assigned.length} case(s) ${giverId} is handling; hand over to a handler`,
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
      lines.push(complaintLine(complaintView(updated, { showContact: false })));
    }
    const summary = `${items.length} open case(s)${args.note ? `. ${args.note}` : ""}`;
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
        summary: `${summary}: ${items.map((c) => c.number).join(", ")}`,
      },
    });
    return {
      text: `Handed ${summary} from ${giverId} to ${receiver.id}`,
      sections: [
        {
          heading: `Handed over to ${receiver.id}`,
          lines: lines.length ? lines : ["(no open cases)"],
        },
      ],
    };
  },
});
