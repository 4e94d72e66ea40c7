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
import { majorReasonText } from "../complaint/major.ts";
import { msg } from "../i18n/translate.ts";

const futureToleranceMs = 5 * 60_000;

export default defineCommand({
  name: "open",
  summary: msg("cmd.open"),
  permission: { minRole: "agent", scope: "any" },
  examples: [
    'complaint open channel:hotline name:"Wang Li" contact:13800138000 content:"Charged twice for May"',
    'complaint open channel:letter name:"Li Na" contact:li.na@example.com content:"Parcel arrived broken" received:2026-11-02T09:30+08:00',
  ],
  options: (policy) => ({
    channel: opt.choice({
      help: msg("arg.open.channel"),
      required: true,
      choices: policy.channels.map((c) => c.id),
    }),
    name: opt.text({ help: msg("arg.open.name"), required: true, max: policy.limits.nameMaxChars }),
    contact: opt.contact({
      help: msg("arg.open.contact"),
      required: true,
    }),
    content: opt.longText({
      help: msg("arg.open.content"),
      required: true,
      max: policy.limits.contentMaxChars,
    }),
    received: opt.time({
      help: msg("arg.open.received"),
      required: false,
      timeZone: policy.timezone,
    }),
    place: opt.text({
      help: msg("arg.open.place"),
      required: false,
      max: 200,
    }),
    customer: opt.text({ help: msg("arg.open.customer"), required: false, max: 100 }),
    domestic: opt.boolean({
      help: msg("arg.open.domestic"),
      required: false,
    }),
    demand: opt.longText({
      help: msg("arg.open.demand"),
      required: false,
      max: policy.limits.contentMaxChars,
    }),
    order: opt.text({ help: msg("arg.open.order"), required: false, max: 200 }),
    category: opt.choice({
      help: msg("arg.category"),
      required: false,
      choices: policy.categories.map((c) => c.id),
    }),
    severity: opt.choice({
      help: msg("arg.open.severity"),
      required: false,
      choices: severities,
    }),
    dept: opt.department({
      help: msg("arg.open.dept"),
      required: false,
    }),
    issue: opt.issue({
      help: msg("arg.open.issue"),
      required: false,
    }),
    "repeat-of": opt.complaint({
      help: msg("arg.open.repeat-of"),
      required: false,
    }),
  }),
  async handler(args, ctx) {
    const { actor, repos, policy, now, t } = ctx;
    const receivedAt = args.received ?? now;
    if (receivedAt.getTime() > now.getTime() + futureToleranceMs) {
      throw validationError(msg("open.future", { at: receivedAt.toISOString() }), {
        received: msg("open.field.future"),
      });
    }
    if (receivedAt.getFullYear() < 2000) {
      throw validationError(msg("open.tooOld"), { received: msg("open.field.tooOld") });
    }
    const routed = args.category
      ? (policy.categories.find((c) => c.id === args.category)?.department ?? null)
      : null;
    const departmentId = args.dept ?? routed ?? actor.departmentId;
    const department = departmentId ? await repos.departments.find(departmentId) : null;
    if (departmentId && !department) {
      throw notFound(msg("open.noDept", { dept: departmentId }));
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
      text: t("open.done", {
        number: created.number,
        repeatOf: previous?.number ?? null,
        owner: created.ownerId === actor.id ? null : created.ownerId,
        major: major ? majorReasonText(major, t) : null,
      }),
      title: t("open.title", { number: created.number }),
      complaint: view,
      fields: complaintFields(view, policy.timezone, t),
      actions: mayBeAssigned(actor)
        ? [
            {
              id: "assign-me",
              label: t("action.assignMe"),
              command: `complaint assign id:${created.number} to:${actor.id}`,
            },
          ]
        : [],
    };
  },
});
