import { complaintView } from "../complaint/view.ts";
import { severities } from "../complaint/status.ts";
import { loadComplaint } from "../complaint/mutate.ts";
import { registerComplaint } from "../complaint/register.ts";
import { repeatTerms } from "../complaint/repeat.ts";
import { notFound, validationError } from "../errors.ts";
import { mayBeAssigned } from "../staff/role.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";
import { complaintFields } from "../complaint/present.ts";

const futureToleranceMs = 5 * 60_000;

export default defineCommand({
  name: "open",
  summary: "Register a new complaint; you become its first-contact owner",
  permission: { minRole: "agent", scope: "any" },
  examples: [
    'complaint open channel:hotline name:"Wang Li" contact:13800138000 content:"Charged twice for May"',
    'complaint open channel:letter name:"Li Na" contact:li.na@example.com content:"Parcel arrived broken" received:2026-11-02T09:30+08:00',
  ],
  options: (policy) => ({
    channel: opt.choice({
      help: "where the complaint came in",
      required: true,
      choices: policy.channels.map((c) => c.id),
    }),
    name: opt.text({ help: "complainant's name", required: true, max: policy.limits.nameMaxChars }),
    contact: opt.contact({
      help: "complainant's phone number or e-mail (personal data)",
      required: true,
    }),
    content: opt.longText({
      help: "what the customer complains about",
      required: true,
      max: policy.limits.contentMaxChars,
    }),
    received: opt.time({
      help: "when the complaint came in (default now); deadlines run from it",
      required: false,
      timeZone: policy.timezone,
    }),
    place: opt.text({
      help: "where it happened (store, city, address)",
      required: false,
      max: 200,
    }),
    customer: opt.text({ help: "customer id in your systems", required: false, max: 100 }),
    domestic: opt.boolean({
      help: "domestic customer (yes, default) or foreign (no)",
      required: false,
    }),
    demand: opt.longText({
      help: "what the customer demands",
      required: false,
      max: policy.limits.contentMaxChars,
    }),
    order: opt.text({ help: "order / item reference", required: false, max: 200 }),
    category: opt.choice({
      help: "complaint category",
      required: false,
      choices: policy.categories.map((c) => c.id),
    }),
    severity: opt.choice({
      help: "severity (default general)",
      required: false,
      choices: severities,
    }),
    dept: opt.department({
      help: "department that handles it (default: by category, else yours)",
      required: false,
    }),
    issue: opt.issue({
      help: "a key for the matter (e.g. may-billing-run); several complaints about one issue in a short time make it major",
      required: false,
    }),
    "repeat-of": opt.complaint({
      help: "an earlier complaint about the same matter: this one is handled one level up",
      required: false,
    }),
  }),
  async handler(args, ctx) {
    const { actor, repos, policy, now } = ctx;
    const receivedAt = args.received ?? now;
    if (receivedAt.getTime() > now.getTime() + futureToleranceMs) {
      throw validationError(
        `received: ${receivedAt.toISOString()} is in the future; give the time it came in`,
        {
          received: "in the future",
        },
      );
    }
    if (receivedAt.getFullYear() < 2000) {
      throw validationError("received: must be after 2000-01-01", { received: "too old" });
    }
    const routed = args.category
      ? (policy.categories.find((c) => c.id === args.category)?.department ?? null)
      : null;
    const departmentId = args.dept ?? routed ?? actor.departmentId;
    const department = departmentId ? await repos.departments.find(departmentId) : null;
    if (departmentId && !department) {
      throw notFound(
        `there is no department ${departmentId}; it is created when a staff member joins it (complaint staff add … dept:${departmentId})`,
      );
    }
    const previous = args["repeat-of"] ? await loadComplaint(repos, args["repeat-of"]) : null;
    const repeat = previous ? await repeatTerms(repos, policy, previous) : null;
    const { complaint: created, major } = await registerComplaint(
      ctx,
      {
        status: "registered",
        channel: args.channel,
        complainantName: args.name,
        contact: args.contact,
        content: args.content,
        receivedAt,
        place: args.place ?? null,
        customerId: args.customer ?? null,
        domestic: args.domestic ?? true,
        demand: args.demand ?? null,
        orderRef: args.order ?? null,
        category: args.category ?? null,
        severity: repeat?.severity ?? args.severity ?? "general",
        issueKey: args.issue ?? null,
        escalationLevel: repeat?.escalationLevel ?? 0,
        departmentId: departmentId ?? previous?.departmentId ?? null,
        ownerId: repeat?.ownerId ?? actor.id,
        assigneeId: null,
        createdById: actor.id,
        repeatOfId: repeat?.repeatOfId ?? null,
      },
      {
        type: "complaint.opened",
        payload: {
          channel: args.channel,
          severity: args.severity ?? "general",
          ownerId: repeat?.ownerId ?? actor.id,
          repeatOf: previous?.number ?? null,
          departmentChannel: department ? (department.channel ?? department.id) : null,
          excerpt: args.content.slice(0, 140),
        },
      },
      previous ? { repeatOf: previous.number } : {},
    );
    const view = complaintView(created, {
      showContact: true,
      repeatOfNumber: previous?.number ?? null,
    });
    return {
      text:
        (created.ownerId === actor.id
          ? `Opened ${created.number}; you own it.`
          : `Opened ${created.number} as a repeat of ${previous?.number ?? "?"}; ${created.ownerId} owns it, one level up.`) +
        (major ? ` It is MAJOR (${major}): leadership has been told.` : "") +
        ` Next: complaint assign id:${created.number} to:<staff>`,
      title: `${created.number} opened`,
      complaint: view,
      fields: complaintFields(view, policy.timezone),
      actions: mayBeAssigned(actor)
        ? [
            {
              id: "assign-me",
              label: "Assign to me",
              command: `complaint assign id:${created.number} to:${actor.id}`,
            },
          ]
        : [],
    };
  },
});
