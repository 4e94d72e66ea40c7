import type { CaseAction } from "../complaint/access.ts";
import type { Duration } from "../policy/duration.ts";
import type { Formatters, Template } from "./catalog.ts";

/**
 * English: the source of truth for every reply, error and notification.
 * A key is `area.meaning`; a template is fixed text or a function of named
 * params. messages.zh-CN.ts must have the same keys with the same params.
 */

type F = Formatters;

const tail = (excerpt: string | null) => (excerpt ? `: ${excerpt}` : "");
const staffKind = (role: string) => (role === "admin" ? "an admin" : "an agent");

const doing: Record<CaseAction, string> = {
  assign: "assign it",
  callback: "record its callback",
  close: "close it",
  compensate: "request compensation on it",
  contact: "log contact attempts on it",
  escalate: "escalate it",
  handover: "hand it over",
  note: "add notes to it",
  resolve: "resolve it",
  resume: "resume it",
  stage: "move it to a stage",
  triage: "triage it",
  wait: "put it on hold",
};

export const en = {
  // ------------------------------------------------------------ words
  "common.yes": "yes",
  "common.no": "no",
  "common.none": "(none)",
  "common.unassigned": "unassigned",
  "common.nobody": "nobody",
  "common.someone": "someone",
  "common.listSeparator": ", ",
  "common.clauseSeparator": "; ",

  "status.registered": "registered",
  "status.triaged": "triaged",
  "status.assigned": "assigned",
  "status.in_progress": "in progress",
  "status.resolved": "resolved",
  "status.callback_done": "called back",
  "status.invalid": "invalid",
  "status.closed": "closed",

  "severity.general": "general",
  "severity.complex": "complex",
  "severity.major": "major",
  "severity.egregious": "egregious",

  "role.agent": "agent",
  "role.handler": "handler",
  "role.dept-manager": "dept-manager",
  "role.vp": "vp",
  "role.gm": "gm",
  "role.admin": "admin",

  "deadline.first_reply": "First reply",
  "deadline.result": "Result to customer",
  "deadline.close": "Close",
  "deadline.stage": (p: { stage: string }) => `Stage ${p.stage}`,
  "deadline.met": (p: { at: string; late: boolean }) => `met ${p.at}${p.late ? " (late)" : ""}`,
  "deadline.paused": (p: { left: number }, f: F) => `paused, ${f.duration(p.left)} left`,
  "deadline.due": (p: { at: string; left: number }, f: F) =>
    `due ${p.at} (in ${f.duration(p.left)})`,
  "deadline.overdue": (p: { at: string; late: number }, f: F) =>
    `due ${p.at}, OVERDUE by ${f.duration(p.late)}`,

  // ------------------------------------------------------------ field labels
  "field.status": "Status",
  "field.channel": "Channel",
  "field.severity": "Severity",
  "field.complainant": "Complainant",
  "field.contact": "Contact",
  "field.received": "Received",
  "field.owner": "Owner",
  "field.assignee": "Assignee",
  "field.major": "MAJOR",
  "field.department": "Department",
  "field.issue": "Issue",
  "field.valid": "Valid",
  "field.justified": "Justified",
  "field.escalationLevel": "Escalation level",
  "field.unreachableSince": "Unreachable since",
  "field.category": "Category",
  "field.place": "Place",
  "field.demand": "Customer demand",
  "field.order": "Order",
  "field.repeatOf": "Repeat of",
  "field.resolution": "Resolution",
  "field.resolved": "Resolved",
  "field.reply": "Reply",
  "field.callback": "Callback",
  "field.rehandled": "Re-handled",
  "field.invalidBecause": "Invalid because",
  "field.closed": "Closed",
  "field.closeNote": "Close note",
  "field.lateBecause": "Late because",
  "field.capa": "CAPA",
  "field.content": "Content",
  "field.version": "Version",
  "field.request": "Request",
  "field.amount": "Amount",
  "field.loss": "Loss",
  "field.approver": "Approver",
  "field.listed": "Listed",

  "present.justified": (p: { fault: string | null }) =>
    `yes${p.fault ? (p.fault === "company" ? ", company at fault" : ", company not at fault") : ""}`,
  "present.resolvedBy": (p: { at: string; by: string }) => `${p.at} by ${p.by}`,
  "present.reply": (
    p: {
      cause: string;
      handler: string;
      phone: string;
      dept: string;
      contacted: boolean | null;
      satisfied: boolean | null;
      fullyResolved: boolean | null;
      promised: string;
    },
    f: F,
  ) =>
    `cause ${f.cause(p.cause)}; handler ${p.handler} (${p.phone}); dept ${p.dept}; ` +
    `contacted ${f.yesNo(p.contacted)}, satisfied ${f.yesNo(p.satisfied)}, ` +
    `fully resolved ${f.yesNo(p.fullyResolved)}; promised ${p.promised}`,
  "present.callback": (p: { at: string; satisfied: boolean; resolved: boolean }, f: F) =>
    `${p.at}: satisfied ${f.yesNo(p.satisfied)}, resolved ${f.yesNo(p.resolved)}`,

  "action.assignMe": "Assign to me",
  "action.approve": "Approve",
  "action.reject": "Reject",
  "action.show": "Show",

  // ------------------------------------------------------------ engine and grammar
  "engine.unknownStaff": (p: { id: string }) =>
    `you (${p.id}) are not in the staff directory; an admin adds you with complaint staff add id:${p.id} name:"…" role:agent`,
  "engine.deactivated": (p: { id: string }) => `your account ${p.id} is deactivated`,
  "engine.needsRole": (p: { command: string; role: string; actual: string }, f: F) =>
    `complaint ${p.command} needs the role ${f.role(p.role)} or higher; you are ${f.role(p.actual)}`,
  "engine.noCommand": "no command given; complaint help lists the commands",
  "engine.takesOptions": (p: { name: string; word: string }) =>
    `complaint ${p.name} takes options written name:value, not ${JSON.stringify(p.word)}`,
  "engine.unknownCommand": (p: {
    name: string;
    group: string | null;
    subcommands: readonly string[];
    suggestion: string | null;
  }) =>
    `unknown command ${JSON.stringify(p.name)}` +
    (p.group
      ? `; ${p.group} takes one of: ${p.subcommands.join(", ")}.`
      : p.suggestion
        ? `; did you mean ${p.suggestion}?`
        : ".") +
    " complaint help lists the commands",
  "engine.internal":
    "something went wrong on our side; nothing was changed. Try again, and tell an admin if it keeps happening",

  "parse.unexpected": (p: { token: string }) =>
    `unexpected ${JSON.stringify(p.token)}: options are written name:value ` +
    `(quote values that hold spaces, e.g. content:"Charged twice for May")`,
  "parse.twice": (p: { name: string }) => `option ${p.name} is given twice; give it once`,
  "parse.unclosedValue": (p: { name: string; quote: string }) =>
    `the value of ${p.name} opens a ${p.quote} quote that is never closed; add the closing ${p.quote}`,
  "parse.unclosedQuote": (p: { quote: string }) =>
    `a quoted value opens a ${p.quote} quote that is never closed; add the closing ${p.quote}`,
  "parse.afterQuote": (p: { text: string }) =>
    `text follows the closing quote at ${JSON.stringify(p.text)}; ` +
    `put a space after the quote or quote the whole value`,

  "validate.summary": (p: { command: string; problems: readonly string[] }) =>
    `complaint ${p.command}: ${p.problems.join("; ")}`,
  "validate.unknownOption": (p: {
    name: string;
    command: string;
    suggestion: string | null;
    known: readonly string[];
  }) =>
    `${p.name}: complaint ${p.command} has no option ${p.name}` +
    (p.suggestion ? ` (did you mean ${p.suggestion}?)` : "") +
    "; " +
    (p.known.length ? `it takes ${p.known.join(", ")}` : "it takes no options"),
  "validate.missing": (p: { name: string; help: string }) => `${p.name}: missing (${p.help})`,
  "validate.bad": (p: { name: string; raw: string; problem: string }) =>
    `${p.name}: ${
      p.raw.length > 40
        ? `${JSON.stringify(p.raw.slice(0, 40))}… (${p.raw.length} characters)`
        : JSON.stringify(p.raw)
    } ${p.problem}`,
  "field.unknownOption": "unknown option",
  "field.missing": "missing",
  "field.notExpected": "not expected",
  "field.unknown": "unknown",

  // Option values the schemas refuse; each follows the raw value ("fax" must be …).
  "opt.controlChars":
    "contains control characters; remove them (plain text, emoji and CJK are fine)",
  "opt.empty": "must not be empty",
  "opt.minChars": (p: { min: number }) => `needs at least ${p.min} characters`,
  "opt.tooLong": (p: { max: number }) => `is too long (${p.max} characters at most)`,
  "opt.oneOf": (p: { choices: readonly string[] }) => `must be one of ${p.choices.join(", ")}`,
  "opt.staffId": "must be a staff id: lower-case letters, digits, '.', '_' or '-' (e.g. bob)",
  "opt.departmentId":
    "must be a department id: lower-case letters, digits, '.', '_' or '-' (e.g. billing)",
  "opt.issueKey": "must be a short key: letters, digits, '.', '_' or '-' (e.g. may-billing-run)",
  "opt.complaintNumber": "must be a complaint number such as TS-2611-0001",
  "opt.time": (p: { timeZone: string }) =>
    `must be an ISO-8601 time such as 2026-11-02T09:30+08:00 or 2026-11-02 09:30 (read in ${p.timeZone})`,
  "opt.yesNo": "must be yes or no",
  "opt.integer": (p: { min: number; max: number }) =>
    `must be a whole number from ${p.min} to ${p.max}`,
  "opt.email": "must be an e-mail address such as bob@example.com",
  "opt.money": "must be an amount such as 1200 or 1200.50 (yuan, at most two decimals)",
  "opt.compensationId": "must be a compensation request id such as CP-2611-0001",
  "opt.contact":
    "is not a phone number or e-mail address (e.g. 13800138000, 010-12345678, +44 20 7946 0958, name@example.com)",

  // ------------------------------------------------------------ the model
  "lifecycle.notAllowed": (p: { number: string; from: string; allowed: readonly string[] }, f: F) =>
    `${p.number} is ${f.status(p.from)}; this needs a complaint that is ${f.list(p.allowed.map((s) => f.status(s)))}`,
  "access.caseParty": (p: {
    number: string;
    owner: string;
    assignee: string | null;
    doing: CaseAction;
  }) =>
    `only ${p.number}'s owner (${p.owner})${p.assignee ? `, its assignee (${p.assignee})` : ""} ` +
    `or a manager may ${doing[p.doing]}`,
  "mutate.stale": (p: { number: string; seen: number; version: number }) =>
    `${p.number} changed since version ${p.seen} (now version ${p.version}); ` +
    `look at it again with complaint show id:${p.number} and retry`,
  "mutate.noComplaint": (p: { number: string }) =>
    `there is no complaint ${p.number}; complaint list filter:all shows the numbers in use`,
  "major.viaChannel": (p: { label: string }) => `came in through ${p.label}`,
  "major.marked": "marked major",
  "major.sameIssue": (p: { count: number; issue: string; window: Duration }) =>
    `${p.count} complaints about issue ${p.issue} within ${p.window.iso}`,
  "responsible.bad": (p: { part: string }) =>
    `responsible: ${JSON.stringify(p.part)} must be department:percent, e.g. billing:70,logistics:30`,
  "responsible.noDept": (p: { dept: string }) => `responsible: there is no department ${p.dept}`,
  "responsible.twice": (p: { dept: string }) => `responsible: ${p.dept} is named twice`,
  "responsible.range": (p: { dept: string }) => `responsible: ${p.dept}'s share must be 1-100`,
  "responsible.sum": (p: { total: number }) =>
    `responsible: the shares add up to ${p.total} %, not 100 %`,
  "field.badShare": "bad share",
  "field.duplicate": "duplicate",
  "field.sharesSum": "shares must sum to 100",

  // ------------------------------------------------------------ commands
  "open.future": (p: { at: string }) =>
    `received: ${p.at} is in the future; give the time it came in`,
  "open.field.future": "in the future",
  "open.tooOld": "received: must be after 2000-01-01",
  "open.field.tooOld": "too old",
  "open.noDept": (p: { dept: string }) =>
    `there is no department ${p.dept}; it is created when a staff member joins it (complaint staff add … dept:${p.dept})`,
  "open.done": (p: {
    number: string;
    repeatOf: string | null;
    owner: string | null;
    major: string | null;
  }) =>
    (p.owner === null
      ? `Opened ${p.number}; you own it.`
      : `Opened ${p.number} as a repeat of ${p.repeatOf ?? "?"}; ${p.owner} owns it, one level up.`) +
    (p.major ? ` It is MAJOR (${p.major}): leadership has been told.` : "") +
    ` Next: complaint assign id:${p.number} to:<staff>`,
  "open.title": (p: { number: string }) => `${p.number} opened`,

  "show.text": (p: { number: string; status: string; assignee: string | null }, f: F) =>
    `${p.number}: ${f.status(p.status)}${p.assignee ? `, assignee ${p.assignee}` : ", unassigned"}`,
  "show.deadlines": "Deadlines",
  "show.attempts": "Contact attempts",
  "show.compensation": "Compensation",
  "show.responsibility": "Responsibility",
  "show.notes": "Notes",
  "show.history": "History",
  "show.deadlineLine": (p: { label: string; state: string }) => `${p.label}: ${p.state}`,
  "show.noteLine": (p: { at: string; author: string; text: string }) =>
    `${p.at} ${p.author}: ${p.text}`,
  "show.shareLine": (p: { department: string; share: number; person: string | null }) =>
    `${p.department}: ${p.share}%${p.person ? ` (${p.person})` : ""}`,
  "show.attempt": (p: { at: string; actor: string; reached: boolean; note: string | null }) =>
    `${p.at} ${p.actor}: ${p.reached ? "reached" : "unreachable"}${p.note ? ` (${p.note})` : ""}`,
  "show.compensationLine": (p: {
    id: string;
    amount: string;
    currency: string;
    loss: string;
    status: string;
    approver: string;
    decidedBy: string;
  }) =>
    `${p.id}: ${p.amount} ${p.currency} (loss ${p.loss}) ${p.status}` +
    (p.status === "pending" ? `, waiting for ${p.approver}` : ` by ${p.decidedBy}`),
  "show.historyLine": (p: {
    at: string;
    actor: string;
    action: string;
    from: string | null;
    to: string | null;
  }) =>
    `${p.at} ${p.actor} ${p.action}` +
    (p.from && p.to && p.from !== p.to ? ` (${p.from} -> ${p.to})` : ""),

  "list.none": (p: { filter: string }) => `No ${p.filter} complaints match.`,
  "list.count": (p: {
    total: number;
    filter: string;
    from: number;
    to: number;
    next: number | null;
  }) =>
    `${p.total} ${p.filter} complaint${p.total === 1 ? "" : "s"}, showing ${p.from}-${p.to}` +
    (p.next ? ` (more: page:${p.next})` : ""),
  "list.heading": (p: { filter: string }) => `${p.filter} complaints`,

  "triage.reasonMissing":
    "reason: missing (an invalid complaint is closed, and the reason is kept)",
  "triage.invalidClosed": (p: { number: string; reason: string }) =>
    `${p.number} is invalid and closed: ${p.reason}`,
  "triage.reasonOnlyInvalid": "reason: only for valid:no",
  "triage.faultNeedsJustified": "fault: applies to a justified complaint; add justified:yes",
  "triage.field.needsJustified": "needs justified:yes",
  "triage.notHandled": (p: { number: string; status: string }) =>
    `${p.number} is ${p.status.replace("_", " ")}; it can be triaged only while it is being handled`,
  "triage.done": (
    p: {
      number: string;
      category: string | null;
      justified: boolean | null;
      fault: string | null;
      severity: string;
      major: string | null;
    },
    f: F,
  ) =>
    `${p.number} triaged: ` +
    [
      p.category ? f.category(p.category) : "no category",
      p.justified === null
        ? null
        : p.justified
          ? `justified${p.fault ? (p.fault === "company" ? " (company at fault)" : " (company not at fault)") : ""}`
          : "not justified",
      f.severity(p.severity),
    ]
      .filter(Boolean)
      .join(", ") +
    (p.major ? `. MAJOR (${p.major}): leadership has been told` : ""),

  "assign.unknownStaff": (p: { id: string }) =>
    `${p.id} is not in the staff directory; complaint staff list shows who is`,
  "assign.deactivated": (p: { id: string }) => `${p.id} is deactivated and cannot take complaints`,
  "assign.notAssignable": (p: { id: string; role: string }) =>
    `${p.id} is ${staffKind(p.role)}; complaints go to handlers or managers`,
  "assign.already": (p: { number: string; id: string }) =>
    `${p.number} is already assigned to ${p.id}`,
  "assign.done": (p: { number: string; id: string; name: string }) =>
    `${p.number} assigned to ${p.id} (${p.name})`,

  "contact.notHandled": (p: { number: string; status: string }) =>
    `${p.number} is ${p.status}; contact attempts are logged while it is being handled`,
  "contact.reached": (p: { number: string; firstReply: boolean }) =>
    `${p.number}: customer reached${p.firstReply ? "; first reply done" : ""}`,
  "contact.escalated": (p: {
    number: string;
    failed: number;
    window: Duration;
    manager: string | null;
  }) =>
    `${p.number}: customer unreachable ${p.failed} times within ${p.window.iso}; ` +
    `flagged and escalated to ${p.manager ?? "the owner"}`,
  "contact.logged": (p: { number: string; attempts: number }) =>
    `${p.number}: unreachable attempt logged (${p.attempts} so far)`,

  "note.closed": (p: { number: string }) =>
    `${p.number} is closed and stays as it was closed; if the customer comes back, complaint reopen id:${p.number} reason:"…" opens a linked repeat complaint`,
  "note.done": (p: { number: string; started: boolean }) =>
    `Note added to ${p.number}${p.started ? "; it is now in progress" : ""}`,

  "escalate.notHandled": (p: { number: string; status: string }) =>
    `${p.number} is ${p.status.replace("_", " ")}; only a case being handled can be escalated`,
  "escalate.noManager": (p: { id: string }) =>
    `${p.id} has no active manager to escalate to; an admin sets one with complaint staff edit id:${p.id} manager:<staff-id>`,
  "escalate.done": (p: { number: string; from: string; to: string; name: string }) =>
    `${p.number} escalated from ${p.from} to ${p.to} (${p.name}), who is now responsible`,

  "wait.notHandled": (p: { number: string; status: string }) =>
    `${p.number} is ${p.status.replace("_", " ")}; only a case being handled can wait`,
  "wait.already": (p: { number: string; on: string }) =>
    `${p.number} is already waiting on the ${p.on}; complaint resume id:${p.number} ends it`,
  "wait.done": (p: { number: string; on: string; paused: number }) =>
    `${p.number} is waiting on the ${p.on}` +
    (p.paused ? `; ${p.paused} deadline(s) paused` : "; its deadlines keep running (policy)"),
  "resume.notWaiting": (p: { number: string }) => `${p.number} is not waiting`,
  "resume.done": (p: { number: string; resumed: number }) =>
    `${p.number} resumed` +
    (p.resumed ? `; ${p.resumed} deadline(s) run again with the time they had left` : ""),
  "stage.notHandled": (p: { number: string; status: string }) =>
    `${p.number} is ${p.status.replace("_", " ")}; stages belong to a case being handled`,
  "stage.unknown": (p: { stage: string }) => `no stage ${p.stage} in the policy`,
  "stage.done": (p: { number: string; stage: string; limit: Duration }) =>
    `${p.number} is in stage ${p.stage} (limit ${p.limit.iso})`,

  "handover.deactivated": (p: { id: string }) => `${p.id} is deactivated and cannot take cases`,
  "handover.fromWithId": "from: not with id:; a single case moves from its current owner",
  "handover.field.notWithId": "not with id",
  "handover.closed": (p: { number: string }) =>
    `${p.number} is closed; ownership of a closed case does not move`,
  "handover.alreadyOwns": (p: { id: string; number: string }) => `${p.id} already owns ${p.number}`,
  "handover.caseDone": (p: { number: string; from: string; to: string }) =>
    `${p.number}: ownership handed from ${p.from} to ${p.to}`,
  "handover.onlyManager": "only a manager may hand over someone else's shift",
  "handover.samePerson": "to: is the person handing over; pick someone else",
  "handover.field.samePerson": "same person",
  "handover.cannotTake": (p: { id: string; role: string; count: number; giver: string }) =>
    `${p.id} is ${staffKind(p.role)} and cannot take the ${p.count} case(s) ${p.giver} is handling; hand over to a handler`,
  "handover.shiftDone": (p: { count: number; note: string | null; from: string; to: string }) =>
    `Handed ${p.count} open case(s)${p.note ? `. ${p.note}` : ""} from ${p.from} to ${p.to}`,
  "handover.heading": (p: { to: string }) => `Handed over to ${p.to}`,
  "handover.noCases": "(no open cases)",

  "resolve.unknownHandler": (p: { id: string }) => `handler: ${p.id} is not in the staff directory`,
  "resolve.noDept": (p: { dept: string }) => `dept: there is no department ${p.dept}`,
  "resolve.done": (p: { number: string; callbackRequired: boolean }) =>
    `${p.number} resolved. ` +
    (p.callbackRequired
      ? `Next: complaint callback id:${p.number} satisfied:yes|no resolved:yes|no`
      : `Next: complaint close id:${p.number}`),

  "callback.satisfied": (p: { number: string }) =>
    `${p.number}: customer satisfied. Next: complaint close id:${p.number}`,
  "callback.unsatisfied": (p: { number: string; assignee: string | null; count: number }) =>
    `${p.number}: customer not satisfied; back in progress with ${p.assignee ?? "nobody"} (re-handle #${p.count})`,

  "close.already": (p: { number: string }) => `${p.number} is already closed`,
  "close.needsCallback": (p: { number: string }) =>
    `${p.number} is resolved but the customer has not been called back; ` +
    `complaint callback id:${p.number} satisfied:yes|no resolved:yes|no comes first`,
  "close.delayMissing": (p: { due: string }) =>
    `delay-reason: missing; the close deadline passed at ${p.due}, so say why it is late`,
  "close.responsibleMissing":
    "responsible: missing; a justified complaint names the responsible departments and their %, e.g. responsible:billing:100",
  "close.unknownPerson": (p: { id: string }) => `person: ${p.id} is not in the staff directory`,
  "close.done": (p: {
    number: string;
    late: boolean;
    shares: readonly { department: string; share: number }[];
  }) =>
    `${p.number} closed${p.late ? " (late)" : ""}` +
    (p.shares.length
      ? `; responsibility ${p.shares.map((s) => `${s.department} ${s.share}%`).join(", ")}`
      : ""),

  "reopen.reopened": (p: { number: string; assignee: string | null }) =>
    `${p.number} reopened; back in progress with ${p.assignee ?? "nobody"}`,
  "reopen.stillOpen": (p: { number: string; status: string }, f: F) =>
    `${p.number} is still open (${f.status(p.status)}); add a note instead`,
  "reopen.repeat": (
    p: { number: string; created: string; owner: string; severity: string },
    f: F,
  ) =>
    `${p.number} is closed and stays closed; opened ${p.created} as its repeat complaint, owned by ${p.owner}, severity ${f.severity(p.severity)}`,

  "compensate.notHandled": (p: { number: string; status: string }) =>
    `${p.number} is ${p.status}; compensation is requested while a case is handled`,
  "compensate.zero": "amount: must be more than 0",
  "compensate.field.zero": "zero",
  "compensate.aboveCap": (p: { amount: string; multiple: number; loss: string; cap: string }) =>
    `amount: ${p.amount} is above the cap of ${p.multiple} × the loss ${p.loss} = ${p.cap} (policy compensation.capMultipleOfLoss, seed 001)`,
  "compensate.field.aboveCap": "above the cap",
  "compensate.noApprover": (p: { amount: string; role: string }) =>
    `nobody but you can approve ${p.amount} (it needs a ${p.role}); add one with complaint staff add … role:${p.role}`,
  "compensate.done": (p: {
    id: string;
    amount: string;
    currency: string;
    number: string;
    approver: string;
    role: string;
  }) =>
    `Compensation ${p.id} for ${p.amount} ${p.currency} on ${p.number} is waiting for ${p.approver} (${p.role})`,
  "compensate.approver": (p: { approver: string; role: string }, f: F) =>
    `${p.approver} (${f.role(p.role)})`,

  "approve.notFound": (p: { id: string }) => `there is no compensation request ${p.id}`,
  "approve.already": (p: { id: string; status: string; by: string; at: string | null }) =>
    `${p.id} was already ${p.status} by ${p.by}${p.at ? ` at ${p.at}` : ""}; nothing changed`,
  "approve.own": "nobody approves their own request",
  "approve.notYours": (p: { id: string; approver: string; role: string }) =>
    `${p.id} is for ${p.approver} (${p.role}) or someone above`,
  "approve.decisionMissing": "decision: missing (approve or reject)",
  "approvals.none": "No compensation requests are waiting for you.",
  "approvals.count": (p: { count: number }) =>
    `${p.count} compensation request${p.count === 1 ? "" : "s"} waiting for your decision`,
  "approvals.heading": "Waiting for your decision",
  "approvals.line": (p: {
    id: string;
    number: string;
    amount: string;
    currency: string;
    loss: string;
    by: string;
    reason: string;
  }) =>
    `${p.id} on ${p.number}: ${p.amount} ${p.currency} (loss ${p.loss}), asked by ${p.by}: ${p.reason}`,
  "approve.raced": (p: { id: string }) =>
    `${p.id} was decided by someone else a moment ago; nothing changed`,
  "approve.done": (p: {
    id: string;
    status: string;
    amount: string;
    currency: string;
    number: string;
  }) => `${p.id} ${p.status}: ${p.amount} ${p.currency} on ${p.number}`,

  "dnc.exactlyOne": "give exactly one of contact: or id:",
  "dnc.field.oneOf": "one of contact/id",
  "dnc.already": (p: { contact: string }) => `${p.contact} is already on the do-not-contact list`,
  "dnc.added": (p: { contact: string; from: string | null }) =>
    `${p.contact} is on the do-not-contact list${p.from ? ` (from ${p.from})` : ""}`,
  "dnc.notListed": (p: { contact: string }) => `${p.contact} is not on the do-not-contact list`,
  "dnc.removed": (p: { contact: string }) => `${p.contact} is off the do-not-contact list`,
  "dnc.listed": (p: { contact: string; since: string; reason: string }) =>
    `${p.contact} is on the do-not-contact list since ${p.since}: ${p.reason}`,
  "dnc.exported": (p: { count: number }) =>
    `do-not-contact list: ${p.count} entr${p.count === 1 ? "y" : "ies"} as CSV`,
  "dnc.total": (p: { total: number }) => `${p.total} on the do-not-contact list`,
  "dnc.heading": "Do not contact",

  "daily.badDate": (p: { date: string }) =>
    `date: ${JSON.stringify(p.date)} must be a day such as 2026-11-23`,
  "daily.field.notADay": "not a day",
  "daily.new": (p: { count: number }) => `New: ${p.count}`,
  "daily.closed": (p: { count: number }) => `Closed: ${p.count}`,
  "daily.overdue": (p: { numbers: readonly string[] }) =>
    `Overdue: ${p.numbers.length}${p.numbers.length ? ` (${p.numbers.join(", ")})` : ""}`,
  "daily.dueTomorrow": (p: { numbers: readonly string[] }) =>
    `Due tomorrow: ${p.numbers.length}${p.numbers.length ? ` (${p.numbers.join(", ")})` : ""}`,
  "daily.heading": (p: { day: string; department: string | null }) =>
    `Daily report ${p.day}${p.department ? ` for ${p.department}` : ""}`,
  "daily.posted": (p: { heading: string; channel: string }) =>
    `${p.heading}, posted to #${p.channel}`,
  "daily.post": (p: { heading: string; lines: readonly string[] }) =>
    `${p.heading}: ${p.lines.join("; ")}`,

  // ------------------------------------------------------------ reports (stats, export)
  "report.na": "n/a",
  /** A rate with what it counts: `66.7% (2/3)`. */
  "report.share": (p: { rate: string; part: number; whole: number }) =>
    `${p.rate} (${p.part}/${p.whole})`,
  /** Working hours, one decimal (or a signed change of them). */
  "report.hours": (p: { hours: string }) => `${p.hours} h`,
  /** A change of a rate in percentage points. */
  "report.points": (p: { value: string }) => `${p.value} pp`,
  "report.unassigned": "(unassigned)",
  "report.noDept": (p: { role: string; id: string }, f: F) =>
    `reports are per department for a ${f.role(p.role)}, and you have none; an admin sets it with complaint staff edit id:${p.id} dept:<id>`,
  "report.otherDept": (p: { role: string; own: string; requested: string }, f: F) =>
    `as ${f.role(p.role)} of ${p.own} you see ${p.own}'s figures only, not ${p.requested}'s`,
  "report.badMonth": (p: { month: string }) =>
    `month: ${JSON.stringify(p.month)} must be a month such as 2026-10`,
  "report.field.notAMonth": "not a month",

  "report.field.received": "Received",
  "report.field.closed": "Closed",
  "report.field.onTime": "On time",
  "report.field.handling": "Handling time",
  "report.field.satisfaction": "Satisfaction",
  "report.field.repeats": "Repeat complaints",
  "report.field.compensation": "Compensation",
  "report.closedValue": (p: { closed: number; invalid: number }) =>
    `${p.closed}${p.invalid ? ` (and ${p.invalid} invalid)` : ""}`,
  "report.handlingValue": (p: { average: string; p90: string; measured: number }) =>
    `average ${p.average}, p90 ${p.p90} (working hours, ${p.measured} closed)`,
  "report.compensationValue": (p: { count: number; amount: string; currency: string }) =>
    `${p.count} approved, ${p.amount} ${p.currency}`,
  /** A headline figure as one line of a channel post. */
  "report.postLine": (p: { label: string; value: string }) => `${p.label}: ${p.value}`,

  "report.byChannel": "By channel",
  "report.byCategory": "By category",
  "report.bySeverity": "By severity",
  "report.byDepartment": "By department",
  "report.onTimeByDeadline": "On time, by deadline",
  "report.responsibility": "Responsibility",
  "report.compensation": "Compensation",
  "report.changeAgainst": (p: { month: string }) => `Change against ${p.month}`,
  "report.countLine": (p: { label: string; count: number; rate: string }) =>
    `${p.label}: ${p.count} (${p.rate})`,
  "report.noDeadline": "(no deadline fell due)",
  "report.onTimeLine": (p: { kind: string; share: string }, f: F) =>
    `${f.deadline(p.kind)}: ${p.share}`,
  "report.responsibilityLine": (p: {
    department: string;
    worth: string;
    rate: string;
    complaints: number;
  }) => `${p.department}: ${p.worth} complaints' worth (${p.rate}), named in ${p.complaints}`,
  "report.noneAttributed": "(none attributed)",
  "report.requested": (p: { count: number; amount: string; currency: string }) =>
    `Requested: ${p.count}, ${p.amount} ${p.currency}`,
  "report.approved": (p: { count: number; amount: string; currency: string }) =>
    `Approved: ${p.count}, ${p.amount} ${p.currency}`,
  "report.rejected": (p: { count: number; amount: string; currency: string }) =>
    `Rejected: ${p.count}, ${p.amount} ${p.currency}`,
  "report.change.received": (p: { count: number; delta: string; percent: string | null }) =>
    `Received: ${p.count} (${p.delta}${p.percent === null ? "" : `, ${p.percent}%`})`,
  "report.change.closed": (p: { count: number; delta: string }) =>
    `Closed: ${p.count} (${p.delta})`,
  "report.change.onTime": (p: { rate: string; change: string }) =>
    `On time: ${p.rate} (${p.change})`,
  "report.change.handling": (p: { average: string; change: string }) =>
    `Average handling: ${p.average} (${p.change})`,
  "report.change.satisfaction": (p: { rate: string; change: string }) =>
    `Satisfaction: ${p.rate} (${p.change})`,
  "report.change.repeats": (p: { rate: string; change: string }) =>
    `Repeat complaints: ${p.rate} (${p.change})`,
  "report.change.compensation": (p: { amount: string; currency: string; change: string }) =>
    `Compensation approved: ${p.amount} ${p.currency} (${p.change})`,
  "report.nothing": "(nothing this month)",
  "report.groupLine": (p: {
    label: string;
    handled: number;
    open: number;
    onTime: string;
    satisfaction: string;
    average: string;
  }) =>
    `${p.label}: handled ${p.handled}, open ${p.open}, on time ${p.onTime}, ` +
    `satisfaction ${p.satisfaction}, average ${p.average}`,

  "chart.trend": (p: { scope: string }) => `Complaints per month, to ${p.scope}`,
  "chart.byCategory": (p: { scope: string }) => `By category, ${p.scope}`,
  "chart.byDepartment": (p: { scope: string }) => `By department, ${p.scope}`,
  "chart.onTime": (p: { scope: string }) => `On time (%), ${p.scope}`,
  "chart.complaints": "Complaints",
  "chart.received": "Received",
  "chart.closed": "Closed",
  "chart.onTimePercent": "On time %",

  "stats.heading": (p: { scope: string }) => `Complaint statistics ${p.scope}`,
  "stats.done": (p: { heading: string; received: number; closed: number; posted: string | null }) =>
    `${p.heading}: ${p.received} received, ${p.closed} closed` +
    (p.posted === null ? "" : `, posted to #${p.posted}`),
  "stats.perAgent": (p: { scope: string }) => `Per agent, ${p.scope}`,
  "stats.perDepartment": (p: { scope: string }) => `Per department, ${p.scope}`,
  "stats.groups": (p: { heading: string; count: number; by: "agent" | "dept" }) =>
    `${p.heading}: ${p.count} ${p.by === "agent" ? "agent" : "department"}${p.count === 1 ? "" : "s"}`,
  "stats.chartsFailed": "Charts not drawn",
  "stats.chartFailed": (p: { title: string; error: string }) => `${p.title}: ${p.error}`,

  "export.monthAndRange": "month: give either month: or from:/to:, not both",
  "export.field.withRange": "with from:/to:",
  "export.toBeforeFrom": "to: must be after from:",
  "export.field.notAfterFrom": "not after from:",
  "export.notSetUp": "exports are not set up in this process",
  "export.formatUnavailable": (p: { format: string }) =>
    `${p.format} exports are not available here; use format:csv`,
  "export.started": (p: { label: string }) => `Exporting complaints (${p.label})`,
  "export.done": (p: {
    rows: number;
    label: string;
    contacts: "all" | "none" | "own";
    filename: string;
  }) =>
    `Exported ${p.rows} complaint${p.rows === 1 ? "" : "s"} (${p.label}, contacts ${
      p.contacts === "all"
        ? "in full"
        : p.contacts === "none"
          ? "masked"
          : "in full on your own cases"
    }) to ${p.filename}`,
  "export.fileTitle": (p: { label: string; rows: number }) =>
    `Complaints ${p.label} (${p.rows} rows)`,

  "dept.unknown": (p: { dept: string }) => `there is no department ${p.dept}`,
  "dept.badChannel": (p: { channel: string }) =>
    `channel: ${JSON.stringify(p.channel)} must be a channel reference: letters, digits, '.', '_', '-'`,
  "dept.field.badReference": "bad reference",
  "dept.done": (p: { id: string; name: string; channel: string; manager: string | null }) =>
    `Department ${p.id}: ${p.name}, channel #${p.channel}, manager ${p.manager ?? "none"}`,

  "staff.unknown": (p: { id: string }) => `${p.id} is not in the staff directory`,
  "staff.exists": (p: { id: string }) =>
    `${p.id} is already in the staff directory; complaint staff role changes a role`,
  "staff.selfManager": (p: { id: string }) => `manager: ${p.id} cannot be their own manager`,
  "staff.field.self": "self",
  "staff.unknownManager": (p: { id: string }) =>
    `manager ${p.id} is not in the staff directory; add them first`,
  "staff.managerUnknown": (p: { id: string }) => `manager ${p.id} is not in the staff directory`,
  "staff.emailTaken": (p: { email: string }) =>
    `email: ${p.email} already belongs to another staff member`,
  "staff.emailHeld": (p: { email: string; holder: string }) =>
    `email: ${p.email} already belongs to ${p.holder}`,
  "staff.managerLoop": (p: { manager: string; id: string }) =>
    `manager: ${p.manager} reports (directly or not) to ${p.id}; that would be a loop`,
  "staff.field.loop": "loop",
  "staff.lastActiveAdmin": (p: { id: string }) =>
    `${p.id} is the last active admin; make somebody else admin first`,
  "staff.lastAdmin": (p: { id: string }) =>
    `${p.id} is the last admin; make somebody else admin first`,
  "staff.nothing":
    "nothing to change: give at least one of name, email, dept, manager, locale, active",
  "staff.added": (p: { id: string; name: string; role: string; dept: string | null }, f: F) =>
    `Added ${p.id} (${p.name}) as ${f.role(p.role)}${p.dept ? ` in ${p.dept}` : ""}`,
  "staff.updated": (p: { id: string; changes: readonly string[] }) =>
    `${p.id} updated: ${p.changes.join(", ")}`,
  "staff.count": (p: { count: number }) => `${p.count} staff`,
  "staff.heading": "Staff",
  "staff.line": (
    p: {
      id: string;
      name: string;
      role: string;
      department: string | null;
      manager: string | null;
      active: boolean;
    },
    f: F,
  ) =>
    `${p.id} | ${p.name} | ${f.role(p.role)} | ${p.department ?? "-"} | manager ${p.manager ?? "-"}` +
    (p.active ? "" : " | inactive"),
  "staff.alreadyRole": (p: { id: string; role: string }, f: F) =>
    `${p.id} is already ${f.role(p.role)}`,
  "staff.roleChanged": (p: { id: string; role: string; was: string }, f: F) =>
    `${p.id} is now ${f.role(p.role)} (was ${f.role(p.was)})`,
  "link.badUser": (p: { user: string; platform: string }) =>
    `user: ${JSON.stringify(p.user)} is not a ${p.platform} user id`,
  "link.field.notAUser": "not a user id",
  "link.already": (p: { platform: string; user: string; id: string }) =>
    `${p.platform} user ${p.user} is already linked to ${p.id}`,
  "link.taken": (p: { platform: string; user: string; holder: string }) =>
    `${p.platform} user ${p.user} is linked to ${p.holder}; one account maps to one person`,
  "link.raced": (p: { platform: string; user: string }) =>
    `${p.platform} user ${p.user} was linked by someone else just now; see staff list, then try again`,
  "link.done": (p: { id: string; platform: string; user: string }) =>
    `${p.id} is ${p.platform} user ${p.user}`,

  "help.optionLine": (p: { name: string; required: boolean; help: string; choices: string }) =>
    `  ${p.name}:${p.required ? "" : " [optional]"} ${p.help}${p.choices}`,
  "help.who": (p: { summary: string; minRole: string; caseScope: boolean }) =>
    `${p.summary}. Who: ${p.minRole === "agent" ? "all staff" : `${p.minRole} and above`}` +
    `${p.caseScope ? " (the case's owner or assignee, or a manager)" : ""}.`,
  "help.example": (p: { line: string }) => `  e.g. ${p.line}`,
  "help.unknown": (p: { command: string }) =>
    `command: no command ${JSON.stringify(p.command)}; complaint help lists them`,
  "help.overview": (p: { count: number }) =>
    `${p.count} commands. Write options as name:value; quote values with spaces (content:"Charged twice"). complaint help command:<name> explains one.`,
  "help.commands": "Commands",

  // ------------------------------------------------------------ notifications
  "notify.repeatOwner": (p: { number: string; of: string; excerpt: string | null }) =>
    `Repeat complaint ${p.number} (of ${p.of}) is yours to handle, one level up${tail(p.excerpt)}`,
  "notify.opened": (
    p: { number: string; channel: string; severity: string; actor: string; excerpt: string | null },
    f: F,
  ) =>
    `New complaint ${p.number} (${f.channel(p.channel)}, ${f.severity(p.severity)}) opened by ${p.actor}${tail(p.excerpt)}`,
  "notify.repeatOpened": (
    p: { number: string; of: string; severity: string; excerpt: string | null },
    f: F,
  ) =>
    `Repeat complaint ${p.number} (of ${p.of}, severity ${f.severity(p.severity)}) is yours to handle, one level up${tail(p.excerpt)}`,
  "notify.major": (p: { number: string; reason: string; excerpt: string | null }) =>
    `MAJOR complaint ${p.number} (${p.reason})${tail(p.excerpt)}`,
  "notify.majorDefault": "major",
  "notify.assigned": (
    p: { number: string; channel: string; severity: string; actor: string; excerpt: string | null },
    f: F,
  ) =>
    `${p.number} (${f.channel(p.channel)}, ${f.severity(p.severity)}) was assigned to you by ${p.actor}${tail(p.excerpt)}`,
  "notify.reassigned": (p: { number: string; to: string; actor: string }) =>
    `${p.number} was reassigned from you to ${p.to} by ${p.actor}`,
  "notify.noted": (p: { number: string; actor: string; excerpt: string | null }) =>
    `${p.actor} added a note to ${p.number}${tail(p.excerpt)}`,
  "notify.resolved": (p: { number: string; actor: string }) =>
    `${p.number} was resolved by ${p.actor}; call the customer back and record it with complaint callback id:${p.number}`,
  "notify.rehandle": (p: { number: string }) =>
    `${p.number}: the customer is not satisfied at callback; it is back with you`,
  "notify.reopened": (p: { number: string; actor: string; reason: string | null }) =>
    `${p.number} was reopened by ${p.actor}${p.reason ? `: ${p.reason}` : ""}`,
  "notify.unreachable": (p: { number: string; attempts: number | null; window: Duration | null }) =>
    `${p.number}: the customer could not be reached ${p.attempts ?? "several"} times within ` +
    `${p.window?.iso ?? "the window"}; escalated for follow-up`,
  "notify.escalatedTo": (p: { number: string; actor: string; reason: string | null }) =>
    `${p.number} was escalated to you by ${p.actor}${p.reason ? ` (${p.reason})` : ""}: you are now responsible`,
  "notify.escalatedFrom": (p: { number: string; to: string }) =>
    `${p.number} was escalated from you to ${p.to}`,
  "notify.handover": (p: { number: string; actor: string; role: string; note: string | null }) =>
    `${p.actor} handed ${p.number} over to you (${p.role})${p.note ? `: ${p.note}` : ""}`,
  "notify.shift": (p: { from: string; summary: string }) =>
    `${p.from} handed over their shift to you: ${p.summary}`,
  "notify.shiftSummary": (p: { count: number; note: string | null; cases: readonly string[] }) =>
    `${p.count} open case(s)${p.note ? `. ${p.note}` : ""}: ${p.cases.join(", ")}`,
  "notify.approval": (p: {
    number: string;
    actor: string;
    id: string;
    amount: string;
    currency: string;
    loss: string;
    reason: string;
  }) =>
    `${p.actor} asks you to approve compensation ${p.id} on ${p.number}: ${p.amount} ${p.currency} (loss ${p.loss}): ${p.reason}`,
  "notify.decided": (p: {
    number: string;
    actor: string;
    id: string;
    status: string | null;
    note: string | null;
  }) =>
    `Compensation ${p.id} on ${p.number} was ${p.status ?? "decided"} by ${p.actor}${p.note ? `: ${p.note}` : ""}`,

  "notify.monthlyReminder": (p: { month: string; day: number }) =>
    `Monthly complaint summary for ${p.month} is due by day ${p.day}: the figures are in the management channel; ` +
    `complaint stats month:${p.month} shows your department's, by:agent per person`,

  "nudge.reminder": (p: { number: string; kind: string; due: string; left: number }, f: F) =>
    `Reminder: ${p.number} ${f.deadline(p.kind).toLowerCase()} is due ${p.due} (in ${f.duration(p.left)})`,
  "nudge.due": (p: { number: string; kind: string }, f: F) =>
    `${p.number} ${f.deadline(p.kind).toLowerCase()} is due now`,
  "nudge.overdue": (p: { number: string; kind: string; late: number }, f: F) =>
    `Chasing (催办): ${p.number} ${f.deadline(p.kind).toLowerCase()} is overdue by ${f.duration(p.late)}`,
  "nudge.escalation": (
    p: { number: string; kind: string; late: number; responsible: string },
    f: F,
  ) =>
    `Escalation: ${p.number} ${f.deadline(p.kind).toLowerCase()} is overdue by ${f.duration(p.late)}; responsible ${p.responsible}`,
  "nudge.teamOverdue": (
    p: { number: string; kind: string; late: number; responsible: string },
    f: F,
  ) =>
    `Overdue: ${p.number} ${f.deadline(p.kind).toLowerCase()} by ${f.duration(p.late)} (responsible ${p.responsible})`,
} satisfies Record<string, Template>;
