import type { Template } from "./catalog.ts";

/**
 * Command summaries (`cmd.*`) and option help (`arg.*`) in English: what
 * `complaint help` prints and what adapters show as slash-command and field
 * descriptions (Discord caps those at 100 characters, so keep them short).
 * help.zh-CN.ts must have the same keys.
 */
export const helpEn = {
  "cmd.root": "Customer complaints: open, assign, resolve, call back, close",
  "cmd.open": "Register a new complaint; you become its first-contact owner",
  "cmd.show": "Show one complaint with its notes and history",
  "cmd.list": "List complaints: yours, open, unassigned, closed or all, with filters",
  "cmd.triage":
    "Classify a complaint: category, valid or not (invalid closes it), justified, fault, severity",
  "cmd.assign": "Assign a complaint to a handler (or reassign it); they get a DM",
  "cmd.contact": "Log an attempt to reach the customer; repeated failures escalate to the manager",
  "cmd.note": "Add a note to a complaint; the assignee's first note marks it in progress",
  "cmd.escalate":
    "The customer asks for a supervisor: the assignee's manager becomes responsible and is told",
  "cmd.wait":
    "The case waits on the customer or a third party: its deadlines pause until complaint resume",
  "cmd.resume": "The wait is over: paused deadlines run again with the time they had left",
  "cmd.stage":
    "Move the case into a handling stage (sales branch, market, processing …) with its own time limit",
  "cmd.handover":
    "Hand one case's ownership to someone (id:), or your whole shift: every open case you own or handle",
  "cmd.resolve":
    "Record the reply to the customer with every field the regulations ask for; the owner is asked to call back",
  "cmd.callback":
    "Record the callback (回访): satisfied closes the loop, unsatisfied sends it back to work",
  "cmd.close":
    "Close a complaint after the callback, with responsibility for justified ones and a reason when late",
  "cmd.reopen":
    "Customer rejects the result: a resolved case goes back to work; a closed one gets a new linked repeat complaint, one level up",
  "cmd.compensate":
    "Request compensation for a customer: capped by the loss, routed to the approver of its amount",
  "cmd.approve":
    "Approve or reject a compensation request (the Approve / Reject buttons run this); without an id, list what waits for you",
  "cmd.dnc-add":
    "Put a customer on the do-not-contact list (by contact, or straight from a complaint)",
  "cmd.dnc-remove": "Take a contact off the do-not-contact list",
  "cmd.dnc-check": "Is this contact on the do-not-contact list?",
  "cmd.dnc-list":
    "The do-not-contact list, a page at a time; export:yes gives it as CSV for other systems",
  "cmd.daily": "Post the day's report (new, closed, overdue, due tomorrow) to the team channel",
  "cmd.stats":
    "Monthly statistics with charts: on time, handling time, satisfaction, responsibility …; by:agent or by:dept per person/team",
  "cmd.export":
    "Export complaints as CSV or Excel (streamed to a file, any size), filtered by month, department, channel, status …",
  "cmd.staff-add": "Add a staff member (creates their department if it is new)",
  "cmd.staff-edit":
    "Change a staff member's name, e-mail, department, manager, language, or deactivate them",
  "cmd.staff-list": "List the staff directory",
  "cmd.staff-role": "Change a staff member's role",
  "cmd.staff-link": "Link a staff member to their Slack or Discord account",
  "cmd.dept-set": "Create or change a department: its name, team channel and manager",
  "cmd.help": "List the commands, or explain one",

  // Options several commands share.
  "arg.complaintId": "complaint number, e.g. TS-2611-0001",
  "arg.version":
    "the version you looked at; the command fails with E_CONFLICT if the complaint changed since",
  "arg.why": "why",
  "arg.contact": "phone or e-mail",
  "arg.staffId": "staff id",
  "arg.deptId": "department id",
  "arg.fullName": "full name",
  "arg.manager": "line manager escalations go to",
  "arg.locale": "reply language",
  "arg.page": "page number, from 1",
  "arg.category": "complaint category",
  "arg.onlyDept": "only this department",
  "arg.fullyResolved": "is the problem fully resolved?",
  "arg.role": "agent, handler, dept-manager, vp, gm or admin",

  "arg.open.channel": "where the complaint came in",
  "arg.open.name": "complainant's name",
  "arg.open.contact": "complainant's phone number or e-mail (personal data)",
  "arg.open.content": "what the customer complains about",
  "arg.open.received": "when the complaint came in (default now); deadlines run from it",
  "arg.open.place": "where it happened (store, city, address)",
  "arg.open.customer": "customer id in your systems",
  "arg.open.domestic": "domestic customer (yes, default) or foreign (no)",
  "arg.open.demand": "what the customer demands",
  "arg.open.order": "order / item reference",
  "arg.open.severity": "severity (default general)",
  "arg.open.dept": "department that handles it (default: by category, else yours)",
  "arg.open.issue":
    "a key for the matter (e.g. may-billing-run); several complaints about one issue in a short time make it major",
  "arg.open.repeat-of":
    "an earlier complaint about the same matter: this one is handled one level up",

  "arg.list.filter":
    "mine (owned by or assigned to you, not closed), due-soon (yours, due within reminders.dueSoonWithin), open (default), unassigned, overdue, major, closed, all",
  "arg.list.status": "only this status",
  "arg.list.assignee": "only complaints assigned to this staff id",
  "arg.list.owner": "only complaints owned by this staff id",
  "arg.list.channel": "only this intake channel",
  "arg.list.severity": "only this severity",
  "arg.list.limit": (p: { size: number }) => `how many per page (default ${p.size})`,

  "arg.triage.valid": "is it our business? no closes it as invalid (needs reason:)",
  "arg.triage.reason": "why it is invalid",
  "arg.triage.justified": "is the complaint justified (有效投诉)?",
  "arg.triage.fault": "of a justified one: company (at fault) or not-company",
  "arg.triage.severity": "general, complex (several departments), major, egregious",
  "arg.triage.issue": "key for the matter; several complaints about one issue make it major",

  "arg.assign.to": "staff id of the handler",
  "arg.contact.outcome": "reached or unreachable",
  "arg.contact.note": "what happened",
  "arg.note.text": "the note",
  "arg.escalate.reason": "why it is escalated",
  "arg.wait.on": "customer or third-party",
  "arg.wait.reason": "what the case waits for",
  "arg.stage.name": "the stage (policy deadlines.stages)",

  "arg.handover.to": "who takes over",
  "arg.handover.id": "one complaint whose first-contact ownership moves",
  "arg.handover.from": "whose shift is handed over (managers; default you)",
  "arg.handover.note": "what the receiver needs to know",

  "arg.resolve.result": "what was done for the customer",
  "arg.resolve.cause": "the cause found",
  "arg.resolve.handler": "who handled it",
  "arg.resolve.phone": "the handler's phone",
  "arg.resolve.dept": "the responsible department",
  "arg.resolve.contacted": "was the customer contacted?",
  "arg.resolve.satisfied": "is the customer satisfied?",
  "arg.resolve.promised": "resolution time promised to the customer",

  "arg.callback.satisfied": "is the customer satisfied with the result?",
  "arg.callback.note": "what the customer said",

  "arg.close.note": "closing note",
  "arg.close.responsible":
    "departments responsible and their % (justified complaints), e.g. billing:70,logistics:30",
  "arg.close.person": "the person responsible, where known",
  "arg.close.capa": "corrective and preventive action",
  "arg.close.delay-reason": "why it is closed after its deadline (required then)",

  "arg.reopen.reason": "why the customer is not done",

  "arg.compensate.amount": (p: { currency: string }) => `compensation asked for (${p.currency})`,
  "arg.compensate.loss": "the customer's actual loss",
  "arg.compensate.reason": "why (the written application)",
  "arg.approve.id": "compensation request id, e.g. CP-2611-0001",
  "arg.approve.decision": "approve or reject",

  "arg.dnc.id": "take the contact from this complaint",
  "arg.dnc.export": "yes: the whole list as a CSV file",

  "arg.daily.dept": "the team (default yours; none: every team, posted to management)",
  "arg.daily.date": "the day, YYYY-MM-DD (default today)",

  "arg.stats.month": "the month, YYYY-MM (default last month)",
  "arg.stats.dept": "only this department (a department manager always sees their own)",
  "arg.stats.channel": "only complaints from this intake channel",
  "arg.stats.by": "summary (default), agent (per assignee) or dept (per department)",
  "arg.stats.post":
    "yes: also post the summary to the management channel (the department's channel with dept:)",
  "arg.stats.charts": "no: answer without the charts (a post still carries them)",

  "arg.export.format": "csv (default) or xlsx",
  "arg.export.month": "complaints received in this month, YYYY-MM",
  "arg.export.from": "complaints received at or after this time",
  "arg.export.to": "complaints received before this time",
  "arg.export.dept": "only this department (a department manager always gets their own)",
  "arg.export.channel": "only this intake channel",
  "arg.export.status": "only this status",
  "arg.export.severity": "only this severity",
  "arg.export.category": "only this category",
  "arg.export.contacts": "full (default, where you may see them) or masked",

  "arg.staff.id": "staff id: lower-case letters, digits, '.', '_', '-'",
  "arg.staff.email": "work e-mail; chat accounts with this e-mail map to this person",
  "arg.staff.workEmail": "work e-mail",
  "arg.staff.active": "no: deactivate (keeps history, refuses new work)",
  "arg.staff.onlyRole": "only this role",
  "arg.link.platform": "slack or discord",
  "arg.link.user": "the platform's user id (Slack U…, Discord snowflake)",

  "arg.dept.name": "display name",
  "arg.dept.channel": "team channel reference (mapped to a Slack / Discord channel by the adapter)",
  "arg.dept.manager": "department manager (approves compensation up to the first tier)",

  "arg.help.command": 'a command name, e.g. open or "staff add"',
} satisfies Record<string, Template>;
