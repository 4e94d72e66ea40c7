import { requireCaseParty } from "../complaint/access.ts";
import { majorEventPayload, majorReason, majorReasonText } from "../complaint/major.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { faults, severities } from "../complaint/status.ts";
import type { ComplaintPatch } from "../complaint/complaint.ts";
import { complaintView } from "../complaint/view.ts";
import { invalidState, validationError } from "../errors.ts";
import { msg } from "../i18n/translate.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "triage",
  summary: msg("cmd.triage"),
  permission: { minRole: "agent", scope: "case" },
  examples: [
    "complaint triage id:TS-2611-0001 category:billing valid:yes justified:yes fault:company severity:general",
    'complaint triage id:TS-2611-0002 valid:no reason:"Not our product: customer bought it elsewhere"',
  ],
  options: (policy) => ({
    id: complaintId(),
    valid: opt.boolean({
      help: msg("arg.triage.valid"),
      required: true,
    }),
    reason: opt.longText({
      help: msg("arg.triage.reason"),
      required: false,
      max: policy.limits.reasonMaxChars,
    }),
    category: opt.choice({
      help: msg("arg.category"),
      required: false,
      choices: policy.categories.map((c) => c.id),
    }),
    justified: opt.boolean({ help: msg("arg.triage.justified"), required: false }),
    fault: opt.choice({
      help: msg("arg.triage.fault"),
      required: false,
      choices: faults,
    }),
    severity: opt.choice({
      help: msg("arg.triage.severity"),
      required: false,
      choices: severities,
    }),
    issue: opt.issue({
      help: msg("arg.triage.issue"),
      required: false,
    }),
    version: expectedVersion(),
  }),
  async handler(args, ctx) {
    const { actor, repos, policy, now, t } = ctx;
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "triage");
    const versioned = args.version === undefined ? {} : { expectedVersion: args.version };
    if (!args.valid) {
      if (!args.reason) {
        throw validationError(msg("triage.reasonMissing"), { reason: msg("field.missing") });
      }
      const invalid = await applyChange(repos, actor, c, {
        action: "complaint.invalidated",
        transition: "invalidate",
        patch: { valid: false, invalidReason: args.reason },
        ...versioned,
      });
      const closed = await applyChange(repos, actor, invalid, {
        action: "complaint.closed",
        transition: "close",
        patch: { closedAt: now, closedById: actor.id },
        event: { ownerId: c.ownerId, assigneeId: c.assigneeId, invalid: true },
      });
      return {
        text: t("triage.invalidClosed", { number: closed.number, reason: args.reason }),
        complaint: complaintView(closed, { showContact: true }),
      };
    }
    if (args.reason)
      throw validationError(msg("triage.reasonOnlyInvalid"), { reason: msg("field.notExpected") });
    if (args.fault && args.justified !== true) {
      throw validationError(msg("triage.faultNeedsJustified"), {
        fault: msg("triage.field.needsJustified"),
      });
    }
    if (!["registered", "triaged", "assigned", "in_progress"].includes(c.status)) {
      throw invalidState(msg("triage.notHandled", { number: c.number, status: c.status }));
    }
    const patch: ComplaintPatch = { valid: true };
    if (args.category) patch.category = args.category;
    if (args.justified !== undefined) {
      patch.justified = args.justified;
      patch.fault = args.justified ? (args.fault ?? null) : null;
    }
    if (args.severity) patch.severity = args.severity;
    if (args.issue) patch.issueKey = args.issue;
    const major =
      c.majorAt === null
        ? await majorReason(repos, policy, {
            channel: c.channel,
            severity: patch.severity ?? c.severity,
            issueKey: args.issue && args.issue !== c.issueKey ? args.issue : null,
            receivedAt: c.receivedAt,
          })
        : null;
    if (major) {
      patch.majorAt = now;
      patch.majorReason = major;
      if (
        (patch.severity ?? c.severity) === "general" ||
        (patch.severity ?? c.severity) === "complex"
      )
        patch.severity = "major";
    }
    const updated = await applyChange(repos, actor, c, {
      action: "complaint.triaged",
      ...(c.status === "registered" ? { transition: "triage" as const } : {}),
      patch,
      ...versioned,
    });
    if (major) {
      await repos.outbox.add({
        type: "complaint.major",
        aggregateId: updated.id,
        payload: {
          number: updated.number,
          actorId: actor.id,
          version: updated.version,
          excerpt: updated.content.slice(0, 140),
          ...(await majorEventPayload(repos, policy, major)),
        },
      });
    }
    return {
      text: t("triage.done", {
        number: updated.number,
        category: updated.category,
        justified: updated.justified,
        fault: updated.fault,
        severity: updated.severity,
        major: major ? majorReasonText(major, t) : null,
      }),
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
