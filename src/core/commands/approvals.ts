import { msg } from "../i18n/translate.ts";
import type { ReplyAction } from "../reply/reply.ts";
import { defineCommand } from "./command.ts";

/** What is waiting for me to decide: the Home tab's "Approvals waiting for me". */
export default defineCommand({
  name: "approvals",
  summary: msg("cmd.approvals"),
  permission: { minRole: "dept-manager", scope: "any" },
  examples: ["complaint approvals"],
  options: () => ({}),
  async handler(_args, { actor, repos, policy, t }) {
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
  },
});
