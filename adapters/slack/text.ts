/**
 * The adapter's own words (buttons, headings, hints). Core replies arrive
 * already worded; these are only the Slack chrome around them.
 *
 * `chromeFor(locale)` is the one place a staff member's language (zh-CN /
 * en) picks the wording; core replies are translated by the core catalog.
 */
export interface Chrome {
  modalSubmit: string;
  modalCancel: string;
  modalWorking: string;
  modalDone: string;
  modalFailed: string;
  homeTitle: string;
  homeEmpty: string;
  homeMore: (shown: number, total: number, command: string) => string;
  homeRefreshed: (at: string) => string;
  cardThreadHint: string;
  unknownUser: (slackUserId: string) => string;
  alreadyHandled: string;
  internalError: string;
  truncated: (count: number) => string;
  deadlines: string;
  overdue: string;
  paused: string;
  met: string;
}

const english: Chrome = {
  modalSubmit: "Submit",
  modalCancel: "Cancel",
  modalWorking: "Working…",
  modalDone: "Done",
  modalFailed: "Not done",
  homeTitle: "Complaints",
  homeEmpty: "Nothing here.",
  homeMore: (shown, total, command) =>
    `Showing ${shown} of ${total}. For the rest: \`/${command}\``,
  homeRefreshed: (at) => `Updated ${at}`,
  cardThreadHint: "Updates on this complaint follow in the thread.",
  unknownUser: (id) =>
    `I don't know who you are yet: your Slack account (${id}) is not linked to anyone in the staff directory, ` +
    "and its e-mail matches no staff member. Ask an admin to run " +
    `\`/complaint staff link id:<your-staff-id> platform:slack user:${id}\`, ` +
    "or to add your work e-mail to your staff entry.",
  alreadyHandled: "That was already done (a repeated click or a retry); nothing more happened.",
  internalError: "Something went wrong on our side; try again in a moment.",
  truncated: (count) => `… ${count} more not shown; narrow the command to see them.`,
  deadlines: "Deadlines",
  overdue: "OVERDUE",
  paused: "paused",
  met: "met",
};

const chinese: Chrome = {
  modalSubmit: "提交",
  modalCancel: "取消",
  modalWorking: "处理中…",
  modalDone: "完成",
  modalFailed: "未完成",
  homeTitle: "投诉",
  homeEmpty: "暂无内容。",
  homeMore: (shown, total, command) => `显示 ${shown} / ${total} 件。查看其余：\`/${command}\``,
  homeRefreshed: (at) => `更新于 ${at}`,
  cardThreadHint: "此投诉的后续进展将发在讨论串中。",
  unknownUser: (id) =>
    `还不知道您是谁：您的 Slack 账号（${id}）未关联任何员工，邮箱也未匹配到员工名录。` +
    `请管理员执行 \`/complaint staff link id:<您的员工ID> platform:slack user:${id}\`，` +
    "或在您的员工信息中添加工作邮箱。",
  alreadyHandled: "该操作已完成（重复点击或重试），未做任何更改。",
  internalError: "系统出现问题，请稍后重试。",
  truncated: (count) => `… 另有 ${count} 条未显示；请缩小查询范围。`,
  deadlines: "时限",
  overdue: "已超时",
  paused: "已暂停",
  met: "已完成",
};

export function chromeFor(locale: string | null | undefined): Chrome {
  return locale === "zh-CN" ? chinese : english;
}
