import type { CaseAction } from "../complaint/access.ts";
import type { Translations } from "./catalog.ts";
import type { en } from "./messages.en.ts";

/**
 * 简体中文：与 messages.en.ts 键和参数完全一致（缺一个键即类型错误）。
 * 用语依照国内投诉处理制度：投诉单、首问负责人、回访、催办、升级、
 * 责任部门、赔偿、免打扰名单（黑名单）。
 */

const tail = (excerpt: string | null) => (excerpt ? `：${excerpt}` : "");
const staffKind = (role: string) => (role === "admin" ? "管理员" : "坐席");

const doing: Record<CaseAction, string> = {
  assign: "分派该投诉",
  callback: "登记其回访结果",
  close: "将其结案",
  compensate: "为其申请赔偿",
  contact: "记录其联系情况",
  escalate: "升级该投诉",
  handover: "移交该投诉",
  note: "为其添加备注",
  resolve: "答复其处理结果",
  resume: "恢复处理该投诉",
  stage: "调整其处理阶段",
  triage: "甄别该投诉",
  wait: "将其挂起等待",
};

const filters: Record<string, string> = {
  mine: "我的",
  "due-soon": "即将到期的",
  open: "未结",
  unassigned: "未分派",
  overdue: "超时",
  major: "重大",
  closed: "已结案",
  all: "全部",
};

const parties: Record<string, string> = { customer: "客户", "third-party": "第三方" };

const decisions: Record<string, string> = {
  pending: "待审批",
  approved: "已批准",
  rejected: "已驳回",
};
const decided: Record<string, string> = { approved: "批准", rejected: "驳回" };

const platforms: Record<string, string> = { slack: "Slack", discord: "Discord" };

const caseRoles: Record<string, string> = { owner: "首问负责人", assignee: "处理人" };

// Audit actions as the history shows them; an unknown action keeps its code.
const actions: Record<string, string> = {
  "complaint.opened": "登记投诉",
  "complaint.triaged": "甄别",
  "complaint.invalidated": "判定为无效投诉",
  "complaint.assigned": "分派",
  "complaint.noted": "添加备注",
  "complaint.escalated": "升级",
  "complaint.waiting": "挂起等待",
  "complaint.resumed": "恢复处理",
  "complaint.stage": "进入处理阶段",
  "complaint.handover": "移交",
  "complaint.resolved": "答复处理结果",
  "complaint.callback_done": "回访：客户满意",
  "complaint.rehandle": "回访：客户不满意，重新处理",
  "complaint.reopened": "重新打开",
  "complaint.repeated": "登记重复投诉",
  "complaint.closed": "结案",
  "contact.reached": "联系上客户",
  "contact.unreachable": "未能联系上客户",
  "compensation.requested": "申请赔偿",
  "compensation.decided": "审批赔偿",
};

const of = (table: Record<string, string>, key: string) => table[key] ?? key;

export const zhCN: Translations<typeof en> = {
  // ------------------------------------------------------------ words
  "common.yes": "是",
  "common.no": "否",
  "common.none": "（无）",
  "common.unassigned": "未分派",
  "common.nobody": "（无人）",
  "common.someone": "有人",
  "common.listSeparator": "、",
  "common.clauseSeparator": "；",

  "status.registered": "已登记",
  "status.triaged": "已甄别",
  "status.assigned": "已分派",
  "status.in_progress": "处理中",
  "status.resolved": "已答复",
  "status.callback_done": "已回访",
  "status.invalid": "无效",
  "status.closed": "已结案",

  "severity.general": "一般",
  "severity.complex": "复杂",
  "severity.major": "重大",
  "severity.egregious": "恶意",

  "role.agent": "坐席",
  "role.handler": "处理人",
  "role.dept-manager": "部门经理",
  "role.vp": "副总经理",
  "role.gm": "总经理",
  "role.admin": "管理员",

  "deadline.first_reply": "首次答复",
  "deadline.result": "处理结果答复",
  "deadline.close": "结案",
  "deadline.stage": (p) => `${p.stage} 阶段`,
  "deadline.met": (p) => `已于 ${p.at} 完成${p.late ? "（超时）" : ""}`,
  "deadline.paused": (p, f) => `已暂停，剩余 ${f.duration(p.left)}`,
  "deadline.due": (p, f) => `${p.at} 到期（还剩 ${f.duration(p.left)}）`,
  "deadline.overdue": (p, f) => `${p.at} 到期，已超时 ${f.duration(p.late)}`,

  // ------------------------------------------------------------ field labels
  "field.status": "状态",
  "field.channel": "受理渠道",
  "field.severity": "级别",
  "field.complainant": "投诉人",
  "field.contact": "联系方式",
  "field.received": "受理时间",
  "field.owner": "首问负责人",
  "field.assignee": "处理人",
  "field.major": "重大投诉",
  "field.department": "处理部门",
  "field.issue": "问题标识",
  "field.valid": "有效投诉",
  "field.justified": "有理投诉",
  "field.escalationLevel": "升级层级",
  "field.unreachableSince": "无法联系起始",
  "field.category": "投诉类别",
  "field.place": "发生地点",
  "field.demand": "客户诉求",
  "field.order": "订单 / 商品",
  "field.repeatOf": "原投诉单",
  "field.resolution": "处理结果",
  "field.resolved": "答复时间",
  "field.reply": "答复详情",
  "field.callback": "回访",
  "field.rehandled": "重新处理次数",
  "field.invalidBecause": "无效原因",
  "field.closed": "结案时间",
  "field.closeNote": "结案说明",
  "field.lateBecause": "超时原因",
  "field.capa": "纠正预防措施",
  "field.content": "投诉内容",
  "field.version": "版本",
  "field.request": "申请单号",
  "field.amount": "金额",
  "field.loss": "损失",
  "field.approver": "审批人",
  "field.listed": "是否在名单中",

  "present.justified": (p) =>
    `是${p.fault ? (p.fault === "company" ? "，公司有责" : "，公司无责") : ""}`,
  "present.resolvedBy": (p) => `${p.at}，由 ${p.by} 答复`,
  "present.reply": (p, f) =>
    `原因：${f.cause(p.cause)}；处理人：${p.handler}（${p.phone}）；责任部门：${p.dept}；` +
    `已联系客户：${f.yesNo(p.contacted)}，客户满意：${f.yesNo(p.satisfied)}，` +
    `彻底解决：${f.yesNo(p.fullyResolved)}；承诺解决时间：${p.promised}`,
  "present.callback": (p, f) =>
    `${p.at}：客户满意：${f.yesNo(p.satisfied)}，问题解决：${f.yesNo(p.resolved)}`,

  "action.assignMe": "分派给我",
  "action.approve": "批准",
  "action.reject": "驳回",
  "action.show": "查看",

  // ------------------------------------------------------------ engine and grammar
  "engine.unknownStaff": (p) =>
    `你（${p.id}）不在员工名录中；请管理员用 complaint staff add id:${p.id} name:"…" role:agent 添加你`,
  "engine.deactivated": (p) => `你的账号 ${p.id} 已停用`,
  "engine.needsRole": (p, f) =>
    `complaint ${p.command} 需要「${f.role(p.role)}」或更高的角色；你的角色是「${f.role(p.actual)}」`,
  "engine.noCommand": "没有给出命令；complaint help 可列出全部命令",
  "engine.takesOptions": (p) =>
    `complaint ${p.name} 的选项应写成 名称:值，而不是 ${JSON.stringify(p.word)}`,
  "engine.unknownCommand": (p) =>
    `未知命令 ${JSON.stringify(p.name)}` +
    (p.group
      ? `；${p.group} 后可接：${p.subcommands.join("、")}。`
      : p.suggestion
        ? `；你是不是想输入 ${p.suggestion}？`
        : "。") +
    "complaint help 可列出全部命令",
  "engine.internal": "系统内部出错，未做任何更改。请重试；如果反复出现，请告知管理员",

  "parse.unexpected": (p) =>
    `无法识别 ${JSON.stringify(p.token)}：选项应写成 名称:值` +
    `（含空格的值请加引号，例如 content:"五月份重复扣费"）`,
  "parse.twice": (p) => `选项 ${p.name} 出现了两次；请只写一次`,
  "parse.unclosedValue": (p) =>
    `${p.name} 的值以 ${p.quote} 引号开头，但没有闭合；请补上结尾的 ${p.quote}`,
  "parse.unclosedQuote": (p) => `有一个以 ${p.quote} 开头的引号值没有闭合；请补上结尾的 ${p.quote}`,
  "parse.afterQuote": (p) =>
    `结尾引号后紧跟着文字：${JSON.stringify(p.text)}；请在引号后加空格，或把整个值放进引号`,

  "validate.summary": (p) => `complaint ${p.command}：${p.problems.join("；")}`,
  "validate.unknownOption": (p) =>
    `${p.name}：complaint ${p.command} 没有选项 ${p.name}` +
    (p.suggestion ? `（你是不是想输入 ${p.suggestion}？）` : "") +
    "；" +
    (p.known.length ? `可用的选项：${p.known.join("、")}` : "该命令不带选项"),
  "validate.missing": (p) => `${p.name}：缺少（${p.help}）`,
  "validate.bad": (p) =>
    `${p.name}：${
      p.raw.length > 40
        ? `${JSON.stringify(p.raw.slice(0, 40))}…（共 ${p.raw.length} 个字符）`
        : JSON.stringify(p.raw)
    } ${p.problem}`,
  "field.unknownOption": "未知选项",
  "field.missing": "缺少",
  "field.notExpected": "不应提供",
  "field.unknown": "未知",

  "opt.controlChars": "含有控制字符；请删除（普通文字、表情符号和中文都可以）",
  "opt.empty": "不能为空",
  "opt.minChars": (p) => `至少需要 ${p.min} 个字符`,
  "opt.tooLong": (p) => `太长了（最多 ${p.max} 个字符）`,
  "opt.oneOf": (p) => `必须是以下之一：${p.choices.join(", ")}`,
  "opt.staffId": "必须是员工 ID：小写字母、数字、'.'、'_' 或 '-'（例如 bob）",
  "opt.departmentId": "必须是部门 ID：小写字母、数字、'.'、'_' 或 '-'（例如 billing）",
  "opt.issueKey": "必须是简短的问题标识：字母、数字、'.'、'_' 或 '-'（例如 may-billing-run）",
  "opt.complaintNumber": "必须是投诉单号，例如 TS-2611-0001",
  "opt.time": (p) =>
    `必须是 ISO-8601 时间，例如 2026-11-02T09:30+08:00 或 2026-11-02 09:30（按 ${p.timeZone} 时间理解）`,
  "opt.yesNo": "必须是 yes 或 no（也可写 是 / 否）",
  "opt.integer": (p) => `必须是 ${p.min} 到 ${p.max} 之间的整数`,
  "opt.email": "必须是电子邮件地址，例如 bob@example.com",
  "opt.money": "必须是金额，例如 1200 或 1200.50（单位：元，最多两位小数）",
  "opt.compensationId": "必须是赔偿申请单号，例如 CP-2611-0001",
  "opt.contact":
    "不是有效的电话号码或电子邮件地址（例如 13800138000、010-12345678、+44 20 7946 0958、name@example.com）",

  // ------------------------------------------------------------ the model
  "lifecycle.notAllowed": (p, f) =>
    `${p.number} 当前为「${f.status(p.from)}」；此操作要求投诉单处于：${f.list(p.allowed.map((s) => f.status(s)))}`,
  "access.caseParty": (p) =>
    `只有 ${p.number} 的首问负责人（${p.owner}）${p.assignee ? `、处理人（${p.assignee}）` : ""}` +
    `或经理才能${doing[p.doing]}`,
  "mutate.stale": (p) =>
    `${p.number} 在版本 ${p.seen} 之后已有变更（当前为版本 ${p.version}）；` +
    `请用 complaint show id:${p.number} 重新查看后再试`,
  "mutate.noComplaint": (p) => `没有投诉单 ${p.number}；complaint list filter:all 可查看已有的单号`,
  "major.viaChannel": (p) => `经由「${p.label}」渠道受理`,
  "major.marked": "被标记为重大投诉",
  "major.sameIssue": (p, f) =>
    `${f.duration(p.window.ms)}内关于问题 ${p.issue} 的投诉已达 ${p.count} 件`,
  "responsible.bad": (p) =>
    `responsible：${JSON.stringify(p.part)} 应写成 部门:百分比，例如 billing:70,logistics:30`,
  "responsible.noDept": (p) => `responsible：没有部门 ${p.dept}`,
  "responsible.twice": (p) => `responsible：${p.dept} 出现了两次`,
  "responsible.range": (p) => `responsible：${p.dept} 的责任比例必须在 1 到 100 之间`,
  "responsible.sum": (p) => `responsible：各部门比例合计为 ${p.total}%，而不是 100%`,
  "field.badShare": "比例格式有误",
  "field.duplicate": "重复",
  "field.sharesSum": "比例合计必须为 100",

  // ------------------------------------------------------------ commands
  "open.future": (p) => `received：${p.at} 是将来的时间；请填写投诉实际受理的时间`,
  "open.field.future": "是将来的时间",
  "open.tooOld": "received：必须晚于 2000-01-01",
  "open.field.tooOld": "时间过早",
  "open.noDept": (p) =>
    `没有部门 ${p.dept}；有员工加入该部门时会自动创建（complaint staff add … dept:${p.dept}）`,
  "open.done": (p) =>
    (p.owner === null
      ? `已登记 ${p.number}，你是首问负责人。`
      : `已登记 ${p.number}，作为 ${p.repeatOf ?? "?"} 的重复投诉，提级由 ${p.owner} 负责。`) +
    (p.major ? `此为重大投诉（${p.major}），已通报公司领导。` : "") +
    `下一步：complaint assign id:${p.number} to:<员工ID>`,
  "open.title": (p) => `${p.number} 已登记`,

  "show.text": (p, f) =>
    `${p.number}：${f.status(p.status)}${p.assignee ? `，处理人 ${p.assignee}` : "，未分派"}`,
  "show.deadlines": "处理时限",
  "show.attempts": "联系记录",
  "show.compensation": "赔偿",
  "show.responsibility": "责任认定",
  "show.notes": "备注",
  "show.history": "处理记录",
  "show.deadlineLine": (p) => `${p.label}：${p.state}`,
  "show.noteLine": (p) => `${p.at} ${p.author}：${p.text}`,
  "show.shareLine": (p) =>
    `${p.department}：${p.share}%${p.person ? `（责任人 ${p.person}）` : ""}`,
  "show.attempt": (p) =>
    `${p.at} ${p.actor}：${p.reached ? "已联系上" : "未能联系上"}${p.note ? `（${p.note}）` : ""}`,
  "show.compensationLine": (p) =>
    `${p.id}：${p.amount} ${p.currency}（损失 ${p.loss}）${of(decisions, p.status)}` +
    (p.status === "pending" ? `，等待 ${p.approver} 审批` : `，审批人 ${p.decidedBy}`),
  "show.historyLine": (p, f) =>
    `${p.at} ${p.actor} ${of(actions, p.action)}` +
    (p.from && p.to && p.from !== p.to ? `（${f.status(p.from)} → ${f.status(p.to)}）` : ""),

  "list.none": (p) => `没有符合条件的${of(filters, p.filter)}投诉。`,
  "list.count": (p) =>
    `${of(filters, p.filter)}投诉共 ${p.total} 件，显示第 ${p.from}-${p.to} 件` +
    (p.next ? `（下一页：page:${p.next}）` : ""),
  "list.heading": (p) => `${of(filters, p.filter)}投诉`,

  "triage.reasonMissing": "reason：缺少（无效投诉会被结案，原因需要留存）",
  "triage.invalidClosed": (p) => `${p.number} 为无效投诉，已结案：${p.reason}`,
  "triage.reasonOnlyInvalid": "reason：仅在 valid:no 时填写",
  "triage.faultNeedsJustified": "fault：仅适用于有理投诉；请加上 justified:yes",
  "triage.field.needsJustified": "需要 justified:yes",
  "triage.notHandled": (p, f) =>
    `${p.number} 当前为「${f.status(p.status)}」；只有正在处理的投诉才能甄别`,
  "triage.done": (p, f) =>
    `${p.number} 已甄别：` +
    [
      p.category ? f.category(p.category) : "未分类",
      p.justified === null
        ? null
        : p.justified
          ? `有理投诉${p.fault ? (p.fault === "company" ? "（公司有责）" : "（公司无责）") : ""}`
          : "无理投诉",
      `级别：${f.severity(p.severity)}`,
    ]
      .filter(Boolean)
      .join("，") +
    (p.major ? `。此为重大投诉（${p.major}），已通报公司领导` : ""),

  "assign.unknownStaff": (p) => `${p.id} 不在员工名录中；complaint staff list 可查看现有员工`,
  "assign.deactivated": (p) => `${p.id} 已停用，不能接收投诉`,
  "assign.notAssignable": (p) => `${p.id} 是${staffKind(p.role)}；投诉只能分派给处理人或经理`,
  "assign.already": (p) => `${p.number} 已经分派给 ${p.id}`,
  "assign.done": (p) => `${p.number} 已分派给 ${p.id}（${p.name}）`,

  "contact.notHandled": (p, f) =>
    `${p.number} 当前为「${f.status(p.status)}」；只有正在处理的投诉才能记录联系情况`,
  "contact.reached": (p) => `${p.number}：已联系上客户${p.firstReply ? "；首次答复已完成" : ""}`,
  "contact.escalated": (p, f) =>
    `${p.number}：${f.duration(p.window.ms)}内 ${p.failed} 次未能联系上客户；` +
    `已标记并升级至 ${p.manager ?? "首问负责人"}`,
  "contact.logged": (p) => `${p.number}：已记录一次未能联系上（累计 ${p.attempts} 次）`,

  "note.closed": (p) =>
    `${p.number} 已结案，保持结案时的状态；如客户再次投诉，complaint reopen id:${p.number} reason:"…" 会登记一条关联的重复投诉`,
  "note.done": (p) => `已为 ${p.number} 添加备注${p.started ? "；投诉已转为处理中" : ""}`,

  "escalate.notHandled": (p, f) =>
    `${p.number} 当前为「${f.status(p.status)}」；只有正在处理的投诉才能升级`,
  "escalate.noManager": (p) =>
    `${p.id} 没有可升级的在职上级；请管理员用 complaint staff edit id:${p.id} manager:<员工ID> 设置`,
  "escalate.done": (p) => `${p.number} 已由 ${p.from} 升级至 ${p.to}（${p.name}），现由其负责`,

  "wait.notHandled": (p, f) =>
    `${p.number} 当前为「${f.status(p.status)}」；只有正在处理的投诉才能挂起等待`,
  "wait.already": (p) =>
    `${p.number} 已在等待${of(parties, p.on)}；complaint resume id:${p.number} 可结束等待`,
  "wait.done": (p) =>
    `${p.number} 正在等待${of(parties, p.on)}` +
    (p.paused ? `；已暂停 ${p.paused} 项时限` : "；按策略其时限继续计时"),
  "resume.notWaiting": (p) => `${p.number} 未处于等待状态`,
  "resume.done": (p) =>
    `${p.number} 已恢复处理` + (p.resumed ? `；${p.resumed} 项时限按剩余时间继续计时` : ""),
  "stage.notHandled": (p, f) =>
    `${p.number} 当前为「${f.status(p.status)}」；只有正在处理的投诉才能进入处理阶段`,
  "stage.unknown": (p) => `策略中没有 ${p.stage} 阶段`,
  "stage.done": (p, f) => `${p.number} 已进入 ${p.stage} 阶段（时限 ${f.duration(p.limit.ms)}）`,

  "handover.deactivated": (p) => `${p.id} 已停用，不能接手投诉`,
  "handover.fromWithId": "from：不能与 id: 同时使用；单件投诉从其当前首问负责人处移交",
  "handover.field.notWithId": "不能与 id 同用",
  "handover.closed": (p) => `${p.number} 已结案；已结案投诉的首问负责人不再变更`,
  "handover.alreadyOwns": (p) => `${p.id} 已是 ${p.number} 的首问负责人`,
  "handover.caseDone": (p) => `${p.number}：首问负责人已由 ${p.from} 移交给 ${p.to}`,
  "handover.onlyManager": "只有经理才能替他人交班",
  "handover.samePerson": "to：这是交班人本人；请选择其他人",
  "handover.field.samePerson": "同一人",
  "handover.cannotTake": (p) =>
    `${p.id} 是${staffKind(p.role)}，不能接手 ${p.giver} 正在处理的 ${p.count} 件投诉；请交给处理人`,
  "handover.shiftDone": (p) =>
    `已将 ${p.count} 件未结投诉从 ${p.from} 交接给 ${p.to}${p.note ? `。${p.note}` : ""}`,
  "handover.heading": (p) => `已交接给 ${p.to}`,
  "handover.noCases": "（没有未结投诉）",

  "resolve.unknownHandler": (p) => `handler：${p.id} 不在员工名录中`,
  "resolve.noDept": (p) => `dept：没有部门 ${p.dept}`,
  "resolve.done": (p) =>
    `${p.number} 已答复处理结果。` +
    (p.callbackRequired
      ? `下一步：complaint callback id:${p.number} satisfied:yes|no resolved:yes|no`
      : `下一步：complaint close id:${p.number}`),

  "callback.satisfied": (p) => `${p.number}：客户满意。下一步：complaint close id:${p.number}`,
  "callback.unsatisfied": (p) =>
    `${p.number}：客户不满意；已退回 ${p.assignee ?? "（无人）"} 继续处理（第 ${p.count} 次重新处理）`,

  "close.already": (p) => `${p.number} 已经结案`,
  "close.needsCallback": (p) =>
    `${p.number} 已答复，但尚未回访客户；请先执行 ` +
    `complaint callback id:${p.number} satisfied:yes|no resolved:yes|no`,
  "close.delayMissing": (p) => `delay-reason：缺少；结案时限已于 ${p.due} 到期，请说明超时原因`,
  "close.responsibleMissing":
    "responsible：缺少；有理投诉须写明责任部门及其比例，例如 responsible:billing:100",
  "close.unknownPerson": (p) => `person：${p.id} 不在员工名录中`,
  "close.done": (p, f) =>
    `${p.number} 已结案${p.late ? "（超时）" : ""}` +
    (p.shares.length
      ? `；责任认定：${f.list(p.shares.map((s) => `${s.department} ${s.share}%`))}`
      : ""),

  "reopen.reopened": (p) => `${p.number} 已重新打开；退回 ${p.assignee ?? "（无人）"} 继续处理`,
  "reopen.stillOpen": (p, f) => `${p.number} 尚未结案（${f.status(p.status)}）；请改为添加备注`,
  "reopen.repeat": (p, f) =>
    `${p.number} 已结案，保持不变；已登记 ${p.created} 作为其重复投诉，由 ${p.owner} 负责，级别为「${f.severity(p.severity)}」`,

  "compensate.notHandled": (p, f) =>
    `${p.number} 当前为「${f.status(p.status)}」；只有正在处理的投诉才能申请赔偿`,
  "compensate.zero": "amount：必须大于 0",
  "compensate.field.zero": "为零",
  "compensate.aboveCap": (p) =>
    `amount：${p.amount} 超过上限，即损失 ${p.loss} 的 ${p.multiple} 倍 = ${p.cap}（策略 compensation.capMultipleOfLoss，依据制度 001）`,
  "compensate.field.aboveCap": "超过上限",
  "compensate.noApprover": (p, f) =>
    `除你之外没有人能审批 ${p.amount}（需要${f.role(p.role)}）；请用 complaint staff add … role:${p.role} 添加`,
  "compensate.done": (p, f) =>
    `${p.number} 的赔偿申请 ${p.id}（${p.amount} ${p.currency}）待 ${p.approver}（${f.role(p.role)}）审批`,
  "compensate.approver": (p, f) => `${p.approver}（${f.role(p.role)}）`,

  "approve.notFound": (p) => `没有赔偿申请 ${p.id}`,
  "approve.already": (p) =>
    `${p.id} 已由 ${p.by}${p.at ? ` 于 ${p.at} ` : ""}${of(decided, p.status)}；未做任何更改`,
  "approve.own": "任何人都不能审批自己提交的申请",
  "approve.notYours": (p, f) => `${p.id} 应由 ${p.approver}（${f.role(p.role)}）或更高级别的人审批`,
  "approve.decisionMissing": "decision：缺少（approve 批准或 reject 驳回）",
  "approvals.none": "没有等待您审批的赔偿申请。",
  "approvals.count": (p) => `共 ${p.count} 件赔偿申请等待您审批`,
  "approvals.heading": "等待您审批",
  "approvals.line": (p) =>
    `${p.id}（${p.number}）：${p.amount} ${p.currency}（损失 ${p.loss}），申请人 ${p.by}：${p.reason}`,
  "approve.raced": (p) => `${p.id} 刚刚已被他人审批；未做任何更改`,
  "approve.done": (p) =>
    `${p.id} ${of(decisions, p.status)}：${p.number}，${p.amount} ${p.currency}`,

  "dnc.exactlyOne": "contact: 和 id: 必须给出其中一个，且只能给一个",
  "dnc.field.oneOf": "contact 与 id 二选一",
  "dnc.already": (p) => `${p.contact} 已在免打扰名单（黑名单）中`,
  "dnc.added": (p) => `${p.contact} 已加入免打扰名单${p.from ? `（来自 ${p.from}）` : ""}`,
  "dnc.notListed": (p) => `${p.contact} 不在免打扰名单中`,
  "dnc.removed": (p) => `${p.contact} 已移出免打扰名单`,
  "dnc.listed": (p) => `${p.contact} 自 ${p.since} 起在免打扰名单中：${p.reason}`,
  "dnc.exported": (p) => `免打扰名单：共 ${p.count} 条，已导出为 CSV`,
  "dnc.total": (p) => `免打扰名单共 ${p.total} 条`,
  "dnc.heading": "免打扰名单",

  "daily.badDate": (p) => `date：${JSON.stringify(p.date)} 必须是日期，例如 2026-11-23`,
  "daily.field.notADay": "不是日期",
  "daily.new": (p) => `新增：${p.count}`,
  "daily.closed": (p) => `结案：${p.count}`,
  "daily.overdue": (p) =>
    `超时：${p.numbers.length}${p.numbers.length ? `（${p.numbers.join("、")}）` : ""}`,
  "daily.dueTomorrow": (p) =>
    `明日到期：${p.numbers.length}${p.numbers.length ? `（${p.numbers.join("、")}）` : ""}`,
  "daily.heading": (p) => `${p.department ? `${p.department} ` : ""}${p.day} 投诉日报`,
  "daily.posted": (p) => `${p.heading}，已发布到 #${p.channel}`,
  "daily.post": (p) => `${p.heading}：${p.lines.join("；")}`,

  "report.na": "无数据",
  "report.share": (p) => `${p.rate}（${p.part}/${p.whole}）`,
  "report.hours": (p) => `${p.hours} 小时`,
  "report.points": (p) => `${p.value} 个百分点`,
  "report.unassigned": "（未分派）",
  "report.noDept": (p, f) =>
    `${f.role(p.role)}只能查看本部门的报表，而你尚未归属任何部门；请管理员用 complaint staff edit id:${p.id} dept:<部门ID> 设置`,
  "report.otherDept": (p, f) =>
    `作为 ${p.own} 的${f.role(p.role)}，你只能查看 ${p.own} 的数据，不能查看 ${p.requested} 的数据`,
  "report.badMonth": (p) => `month：${JSON.stringify(p.month)} 必须是月份，例如 2026-10`,
  "report.field.notAMonth": "不是月份",

  "report.field.received": "受理量",
  "report.field.closed": "结案量",
  "report.field.onTime": "按时率",
  "report.field.handling": "处理时长（工作时间）",
  "report.field.satisfaction": "满意率",
  "report.field.repeats": "重复投诉率",
  "report.field.compensation": "赔偿",
  "report.closedValue": (p) => `${p.closed}${p.invalid ? `（另有无效投诉 ${p.invalid} 件）` : ""}`,
  "report.handlingValue": (p) => `平均 ${p.average}，P90 ${p.p90}（已结案 ${p.measured} 件）`,
  "report.compensationValue": (p) => `已批准 ${p.count} 笔，共 ${p.amount} ${p.currency}`,
  "report.postLine": (p) => `${p.label}：${p.value}`,

  "report.byChannel": "按受理渠道",
  "report.byCategory": "按投诉类别",
  "report.bySeverity": "按级别",
  "report.byDepartment": "按部门",
  "report.onTimeByDeadline": "各项时限按时率",
  "report.responsibility": "责任归属",
  "report.compensation": "赔偿",
  "report.changeAgainst": (p) => `与 ${p.month} 相比`,
  "report.countLine": (p) => `${p.label}：${p.count}（${p.rate}）`,
  "report.noDeadline": "（本月没有到期的时限）",
  "report.onTimeLine": (p, f) => `${f.deadline(p.kind)}：${p.share}`,
  "report.responsibilityLine": (p) =>
    `${p.department}：折合 ${p.worth} 件（${p.rate}），涉及投诉 ${p.complaints} 件`,
  "report.noneAttributed": "（无责任认定）",
  "report.requested": (p) => `申请：${p.count} 笔，${p.amount} ${p.currency}`,
  "report.approved": (p) => `批准：${p.count} 笔，${p.amount} ${p.currency}`,
  "report.rejected": (p) => `驳回：${p.count} 笔，${p.amount} ${p.currency}`,
  "report.change.received": (p) =>
    `受理量：${p.count}（${p.delta}${p.percent === null ? "" : `，${p.percent}%`}）`,
  "report.change.closed": (p) => `结案量：${p.count}（${p.delta}）`,
  "report.change.onTime": (p) => `按时率：${p.rate}（${p.change}）`,
  "report.change.handling": (p) => `平均处理时长：${p.average}（${p.change}）`,
  "report.change.satisfaction": (p) => `满意率：${p.rate}（${p.change}）`,
  "report.change.repeats": (p) => `重复投诉率：${p.rate}（${p.change}）`,
  "report.change.compensation": (p) => `已批准赔偿：${p.amount} ${p.currency}（${p.change}）`,
  "report.nothing": "（本月无数据）",
  "report.groupLine": (p) =>
    `${p.label}：结案 ${p.handled}，未结 ${p.open}，按时率 ${p.onTime}，` +
    `满意率 ${p.satisfaction}，平均处理时长 ${p.average}`,

  "chart.trend": (p) => `月度投诉量（截至 ${p.scope}）`,
  "chart.byCategory": (p) => `按投诉类别统计（${p.scope}）`,
  "chart.byDepartment": (p) => `按部门统计（${p.scope}）`,
  "chart.onTime": (p) => `各项时限按时率（%）（${p.scope}）`,
  "chart.complaints": "投诉量",
  "chart.received": "受理",
  "chart.closed": "结案",
  "chart.onTimePercent": "按时率（%）",

  "stats.heading": (p) => `投诉统计 ${p.scope}`,
  "stats.done": (p) =>
    `${p.heading}：受理 ${p.received} 件，结案 ${p.closed} 件` +
    (p.posted === null ? "" : `，已发布到 #${p.posted}`),
  "stats.perAgent": (p) => `按处理人统计，${p.scope}`,
  "stats.perDepartment": (p) => `按部门统计，${p.scope}`,
  "stats.groups": (p) => `${p.heading}：共 ${p.count} ${p.by === "agent" ? "名处理人" : "个部门"}`,
  "stats.chartsFailed": "未能生成的图表",
  "stats.chartFailed": (p) => `${p.title}：${p.error}`,

  "export.monthAndRange": "month：month: 与 from:/to: 只能二选一",
  "export.field.withRange": "与 from:/to: 同时给出",
  "export.toBeforeFrom": "to：必须晚于 from:",
  "export.field.notAfterFrom": "不晚于 from:",
  "export.notSetUp": "本进程未配置导出功能",
  "export.formatUnavailable": (p) => `此处不支持 ${p.format} 格式的导出；请使用 format:csv`,
  "export.started": (p) => `正在导出投诉（${p.label}）`,
  "export.done": (p) =>
    `已导出 ${p.rows} 件投诉（${p.label}，联系方式${
      p.contacts === "all"
        ? "完整显示"
        : p.contacts === "none"
          ? "已脱敏"
          : "仅本人经办的投诉完整显示"
    }）到文件 ${p.filename}`,
  "export.fileTitle": (p) => `投诉导出 ${p.label}（${p.rows} 行）`,

  "dept.unknown": (p) => `没有部门 ${p.dept}`,
  "dept.badChannel": (p) =>
    `channel：${JSON.stringify(p.channel)} 必须是频道标识：字母、数字、'.'、'_'、'-'`,
  "dept.field.badReference": "频道标识有误",
  "dept.done": (p) =>
    `部门 ${p.id}：${p.name}，频道 #${p.channel}，部门经理 ${p.manager ?? "（无）"}`,

  "staff.unknown": (p) => `${p.id} 不在员工名录中`,
  "staff.exists": (p) => `${p.id} 已在员工名录中；更改角色请用 complaint staff role`,
  "staff.selfManager": (p) => `manager：${p.id} 不能是自己的上级`,
  "staff.field.self": "本人",
  "staff.unknownManager": (p) => `上级 ${p.id} 不在员工名录中；请先添加`,
  "staff.managerUnknown": (p) => `上级 ${p.id} 不在员工名录中`,
  "staff.emailTaken": (p) => `email：${p.email} 已属于另一名员工`,
  "staff.emailHeld": (p) => `email：${p.email} 已属于 ${p.holder}`,
  "staff.managerLoop": (p) => `manager：${p.manager}（直接或间接）向 ${p.id} 汇报；这样会形成循环`,
  "staff.field.loop": "循环",
  "staff.lastActiveAdmin": (p) => `${p.id} 是最后一位在职管理员；请先将其他人设为管理员`,
  "staff.lastAdmin": (p) => `${p.id} 是最后一位管理员；请先将其他人设为管理员`,
  "staff.nothing": "没有要更改的内容：请至少给出 name、email、dept、manager、locale、active 之一",
  "staff.added": (p, f) =>
    `已添加 ${p.id}（${p.name}），角色：${f.role(p.role)}${p.dept ? `，部门：${p.dept}` : ""}`,
  "staff.updated": (p) => `${p.id} 已更新：${p.changes.join("、")}`,
  "staff.count": (p) => `共 ${p.count} 名员工`,
  "staff.heading": "员工",
  "staff.line": (p, f) =>
    `${p.id} | ${p.name} | ${f.role(p.role)} | ${p.department ?? "-"} | 上级 ${p.manager ?? "-"}` +
    (p.active ? "" : " | 已停用"),
  "staff.alreadyRole": (p, f) => `${p.id} 的角色已经是${f.role(p.role)}`,
  "staff.roleChanged": (p, f) => `${p.id} 的角色已改为${f.role(p.role)}（原为${f.role(p.was)}）`,
  "link.badUser": (p) =>
    `user：${JSON.stringify(p.user)} 不是 ${of(platforms, p.platform)} 用户 ID`,
  "link.field.notAUser": "不是用户 ID",
  "link.already": (p) => `${of(platforms, p.platform)} 用户 ${p.user} 已关联到 ${p.id}`,
  "link.taken": (p) =>
    `${of(platforms, p.platform)} 用户 ${p.user} 已关联到 ${p.holder}；一个账号只能对应一名员工`,
  "link.raced": (p) =>
    `${of(platforms, p.platform)} 用户 ${p.user} 刚被他人关联；请先查看 staff list 再重试`,
  "link.done": (p) => `${p.id} 已关联 ${of(platforms, p.platform)} 用户 ${p.user}`,

  "help.optionLine": (p) => `  ${p.name}:${p.required ? "" : " [可选]"} ${p.help}${p.choices}`,
  "help.who": (p, f) =>
    `${p.summary}。适用：${p.minRole === "agent" ? "全体员工" : `${f.role(p.minRole)}及以上`}` +
    `${p.caseScope ? "（限该投诉的首问负责人、处理人或经理）" : ""}。`,
  "help.example": (p) => `  示例：${p.line}`,
  "help.unknown": (p) =>
    `command：没有命令 ${JSON.stringify(p.command)}；complaint help 可列出全部命令`,
  "help.overview": (p) =>
    `共 ${p.count} 条命令。选项写成 名称:值；含空格的值请加引号（content:"重复扣费"）。complaint help command:<命令名> 可查看单条命令的说明。`,
  "help.commands": "命令",

  // ------------------------------------------------------------ notifications
  "notify.repeatOwner": (p) =>
    `重复投诉 ${p.number}（原投诉 ${p.of}）已提级，由你处理${tail(p.excerpt)}`,
  "notify.opened": (p, f) =>
    `新投诉 ${p.number}（${f.channel(p.channel)}，${f.severity(p.severity)}），由 ${p.actor} 登记${tail(p.excerpt)}`,
  "notify.repeatOpened": (p, f) =>
    `重复投诉 ${p.number}（原投诉 ${p.of}，级别「${f.severity(p.severity)}」）已提级，由你处理${tail(p.excerpt)}`,
  "notify.major": (p) => `重大投诉 ${p.number}（${p.reason}）${tail(p.excerpt)}`,
  "notify.majorDefault": "重大",
  "notify.assigned": (p, f) =>
    `${p.actor} 将 ${p.number}（${f.channel(p.channel)}，${f.severity(p.severity)}）分派给你${tail(p.excerpt)}`,
  "notify.reassigned": (p) => `${p.number} 已由 ${p.actor} 从你改派给 ${p.to}`,
  "notify.noted": (p) => `${p.actor} 在 ${p.number} 上添加了备注${tail(p.excerpt)}`,
  "notify.resolved": (p) =>
    `${p.number} 已由 ${p.actor} 答复；请回访客户，并用 complaint callback id:${p.number} 登记回访结果`,
  "notify.rehandle": (p) => `${p.number}：回访时客户不满意，已退回给你重新处理`,
  "notify.reopened": (p) =>
    `${p.number} 已被 ${p.actor} 重新打开${p.reason ? `：${p.reason}` : ""}`,
  "notify.unreachable": (p, f) =>
    `${p.number}：${p.window ? `${f.duration(p.window.ms)}内` : "规定时间内"}` +
    `${p.attempts === null ? "多次" : ` ${p.attempts} 次`}未能联系上客户，已升级跟进`,
  "notify.escalatedTo": (p) =>
    `${p.actor} 将 ${p.number} 升级给你${p.reason ? `（${p.reason}）` : ""}：现由你负责`,
  "notify.escalatedFrom": (p) => `${p.number} 已从你升级至 ${p.to}`,
  "notify.handover": (p) =>
    `${p.actor} 将 ${p.number} 移交给你（${of(caseRoles, p.role)}）${p.note ? `：${p.note}` : ""}`,
  "notify.shift": (p) => `${p.from} 已把班次交接给你：${p.summary}`,
  "notify.shiftSummary": (p) =>
    `${p.count} 件未结投诉${p.note ? `。${p.note}` : ""}：${p.cases.join("、")}`,
  "notify.approval": (p) =>
    `${p.actor} 请你审批 ${p.number} 的赔偿申请 ${p.id}：${p.amount} ${p.currency}（损失 ${p.loss}）。理由：${p.reason}`,
  "notify.decided": (p) =>
    `${p.number} 的赔偿申请 ${p.id} 已由 ${p.actor}${p.status ? of(decided, p.status) : "审批"}` +
    (p.note ? `：${p.note}` : ""),

  "notify.monthlyReminder": (p) =>
    `${p.month} 月度投诉汇总须在本月 ${p.day} 日前完成：统计数据已发布在管理层频道；` +
    `complaint stats month:${p.month} 可查看本部门的数据，加 by:agent 可按人查看`,

  "nudge.reminder": (p, f) =>
    `提醒：${p.number} 的${f.deadline(p.kind)}将于 ${p.due} 到期（还剩 ${f.duration(p.left)}）`,
  "nudge.due": (p, f) => `${p.number} 的${f.deadline(p.kind)}现已到期`,
  "nudge.overdue": (p, f) =>
    `催办：${p.number} 的${f.deadline(p.kind)}已超时 ${f.duration(p.late)}`,
  "nudge.escalation": (p, f) =>
    `升级：${p.number} 的${f.deadline(p.kind)}已超时 ${f.duration(p.late)}；责任人 ${p.responsible}`,
  "nudge.teamOverdue": (p, f) =>
    `超时：${p.number} 的${f.deadline(p.kind)}已超时 ${f.duration(p.late)}（责任人 ${p.responsible}）`,
};
