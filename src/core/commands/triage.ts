import { requireCaseParty } from "../complaint/access.ts";
import { majorEventPayload, majorReason } from "../complaint/major.ts";
import { applyChange, loadComplaint } from "../complaint/mutate.ts";
import { faults, severities } from "../complaint/status.ts";
import type { ComplaintPatch } from "../complaint/complaint.ts";
import { complaintView } from "../complaint/view.ts";
import { invalidState, validationError } from "../errors.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintId, expectedVersion } from "./shared-options.ts";

export default defineCommand({
  name: "triage",
  summary:
    "Classify a complaint: category, valid or not (invalid closes it), justified, fault, severity",
  permission: { minRole: "agent", scope: "case" },
  examples: [
    "complaint triage id:TS-2611-0001 category:billing valid:yes justified:yes fault:company severity:general",
    'complaint triage id:TS-2611-0002 valid:no reason:"Not our product: customer bought it elsewhere"',
  ],
  options: (policy) => ({
    id: complaintId(),
    valid: opt.boolean({
      help: "is it our business? no closes it as invalid (needs reason:)",
      required: true,
    }),
    reason: opt.longText({
      help: "why it is invalid",
      required: false,
      max: policy.limits.reasonMaxChars,
    }),
    category: opt.choice({
      help: "complaint category",
      required: false,
      choices: policy.categories.map((c) => c.id),
    }),
    justified: opt.boolean({ help: "is the complaint justified (有效投诉)?", required: false }),
    fault: opt.choice({
      help: "of a justified one: company (at fault) or not-company",
      required: false,
      choices: faults,
    }),
    severity: opt.choice({
      help: "general, complex (several departments), major, egregious",
      required: false,
      choices: severities,
    }),
    issue: opt.issue({
      help: "key for the matter; several complaints about one issue make it major",
      required: false,
    }),
    version: expectedVersion(),
  }),
  async handler(args, ctx) {
    const { actor, repos, policy, now } = ctx;
    const c = await loadComplaint(repos, args.id);
    requireCaseParty(actor, c, "triage it");
    const versioned = args.version === undefined ? {} : { expectedVersion: args.version };
    if (!args.valid) {
      if (!args.reason) {
        throw validationError(
          "reason: missing (an invalid complaint is closed, and the reason is kept)",
          {
            reason: "missing",
          },
        );
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
        text: `${closed.number} is invalid and closed: ${args.reason}`,
        complaint: complaintView(closed, { showContact: true }),
      };
    }
    if (args.reason) throw validationError("reason: only for valid:no", { reason: "not expected" });
    if (args.fault && args.justified !== true) {
      throw validationError("fault: applies to a justified complaint; add justified:yes", {
        fault: "needs justified:yes",
      });
    }
    if (!["registered", "triaged", "assigned", "in_progress"].includes(c.status)) {
      throw invalidState(
        `${c.number} is ${c.status.replace("_", " ")}; it can be triaged only while it is being handled`,
      );
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
      text: `${updated.number} triaged: ${[
        updated.category ?? "no category",
        updated.justified === null
          ? null
          : updated.justified
            ? `justified${updated.fault ? ` (${updated.fault} at fault)`.replace("not-company at fault", "company not at fault") : ""}`
            : "not justified",
        updated.severity,
      ]
        .filter(Boolean)
        .join(", ")}${major ? `. MAJOR (${major}): leadership has been told` : ""}`,
      complaint: complaintView(updated, { showContact: true }),
    };
  },
});
