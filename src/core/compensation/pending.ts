import type { CommandContext } from "../commands/command.ts";
import type { Reply, ReplyAction } from "../reply/reply.ts";

/** What waits for the actor's decision: `complaint approve` with no id, the Home tab's approvals. */
export async function pendingApprovals({
  actor,
  repos,
  policy,
  t,
}: CommandContext): Promise<Reply> {
  const pending = await repos.compensations.pendingFor(actor.id);
  const lines: string[] = [];
  const actions: ReplyAction[] = [];
  for (const r of pending) {
    const complaint = await repos.complaints.findById(r.complaintId);
    lines.push(
      t("approvals.line", {
        id: r.id,
        number: complaint?.number ?? "?",
        amount: r.amount,
        currency: policy.compensation.currency,
        loss: r.loss,
        by: r.requestedById,
        reason: r.reason,
      }),
    );
    actions.push(
      {
        id: `approve:${r.id}`,
        label: `${t("action.approve")} ${r.id}`,
        command: `complaint approve id:${r.id} decision:approve`,
        style: "primary",
      },
      {
        id: `reject:${r.id}`,
        label: `${t("action.reject")} ${r.id}`,
        command: `complaint approve id:${r.id} decision:reject`,
        style: "danger",
      },
    );
  }
  return {
    text: pending.length ? t("approvals.count", { count: pending.length }) : t("approvals.none"),
    sections: pending.length ? [{ heading: t("approvals.heading"), lines }] : [],
    actions,
  };
}
