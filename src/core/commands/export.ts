import { severities, statuses } from "../complaint/status.ts";
import { ComplaintError, ErrorCode, validationError } from "../errors.ts";
import { msg, type Text } from "../i18n/translate.ts";
import {
  exportFormats,
  type ContactAccess,
  type ExportFilter,
  type ExportRequest,
} from "../reports/export.ts";
import { departmentScope, reportMonth, requireDepartment } from "../reports/scope.ts";
import { isManagerRole } from "../staff/role.ts";
import { defineCommand } from "./command.ts";
import { opt } from "./options.ts";

const unavailable = (message: Text) => new ComplaintError(ErrorCode.Unavailable, message);

export default defineCommand({
  name: "export",
  summary: msg("cmd.export"),
  permission: { minRole: "dept-manager", scope: "any" },
  examples: [
    "complaint export month:2026-10",
    "complaint export format:xlsx month:2026-10 dept:billing",
    "complaint export from:2026-01-01 to:2026-07-01 status:closed contacts:masked",
  ],
  options: (policy) => ({
    format: opt.choice({
      help: msg("arg.export.format"),
      required: false,
      choices: exportFormats,
    }),
    month: opt.text({ help: msg("arg.export.month"), required: false, max: 7 }),
    from: opt.time({
      help: msg("arg.export.from"),
      required: false,
      timeZone: policy.timezone,
    }),
    to: opt.time({
      help: msg("arg.export.to"),
      required: false,
      timeZone: policy.timezone,
    }),
    dept: opt.department({ help: msg("arg.export.dept"), required: false }),
    channel: opt.choice({
      help: msg("arg.export.channel"),
      required: false,
      choices: policy.channels.map((c) => c.id),
    }),
    status: opt.choice({ help: msg("arg.export.status"), required: false, choices: statuses }),
    severity: opt.choice({
      help: msg("arg.export.severity"),
      required: false,
      choices: severities,
    }),
    category: opt.choice({
      help: msg("arg.export.category"),
      required: false,
      choices: policy.categories.map((c) => c.id),
    }),
    contacts: opt.choice({
      help: msg("arg.export.contacts"),
      required: false,
      choices: ["full", "masked"] as const,
    }),
  }),
  async handler(args, { actor, repos, policy, now, afterCommit, t }) {
    if (args.month && (args.from || args.to)) {
      throw validationError(msg("export.monthAndRange"), {
        month: msg("export.field.withRange"),
      });
    }
    if (args.from && args.to && args.from.getTime() >= args.to.getTime()) {
      throw validationError(msg("export.toBeforeFrom"), { to: msg("export.field.notAfterFrom") });
    }
    const departmentId = departmentScope(actor, args.dept);
    await requireDepartment(repos, departmentId);
    const period = args.month ? reportMonth(args.month, now, policy.timezone) : null;
    const filter: ExportFilter = {
      ...(period ? { from: period.from, to: period.to } : {}),
      ...(args.from ? { from: args.from } : {}),
      ...(args.to ? { to: args.to } : {}),
      ...(departmentId ? { departmentId } : {}),
      ...(args.channel ? { channel: args.channel } : {}),
      ...(args.status ? { status: args.status } : {}),
      ...(args.severity ? { severity: args.severity } : {}),
      ...(args.category ? { category: args.category } : {}),
    };
    // access.ts: managers may see every contact, others those of their own cases.
    const contacts: ContactAccess =
      args.contacts === "masked"
        ? { full: "none" }
        : isManagerRole(actor.role)
          ? { full: "all" }
          : { full: "own", staffId: actor.id };
    const format = args.format ?? "csv";
    const label =
      [period?.label ?? "all", departmentId, args.channel, args.status].filter(Boolean).join("-") ||
      "all";
    const request: ExportRequest = { format, filter, contacts, timeZone: policy.timezone, label };
    // Regulation 003: an export of full contacts is a read of personal data.
    await repos.audit.append({
      complaintId: null,
      subject: `report:${departmentId ?? "all"}`,
      actorId: actor.id,
      action: "report.exported",
      fromStatus: null,
      toStatus: null,
      version: null,
      data: {
        format,
        contacts: contacts.full,
        filter: {
          ...filter,
          ...(filter.from ? { from: filter.from.toISOString() } : {}),
          ...(filter.to ? { to: filter.to.toISOString() } : {}),
        },
      },
    });
    afterCommit(async ({ services, onProgress }) => {
      const exporter = services.exporter;
      if (!exporter) throw unavailable(msg("export.notSetUp"));
      if (!exporter.formats.includes(format)) {
        throw unavailable(msg("export.formatUnavailable", { format }));
      }
      const file = await exporter.export(request, onProgress);
      const rows = file.rows ?? 0;
      return {
        text: t("export.done", { rows, label, contacts: contacts.full, filename: file.filename }),
        files: [{ ...file, title: t("export.fileTitle", { label, rows }) }],
      };
    });
    return { text: t("export.started", { label }) };
  },
});
