import type { ChatLocale } from "./locale.ts";

/**
 * The adapter's own words (not the engine's): identity problems, duplicate
 * clicks, button labels, modal titles. Both languages live side by side so a
 * missing translation is a type error.
 */
const catalog = {
  notStaff: {
    en: (user: string, roles: string) =>
      `You are not in the staff directory yet. Ask an admin to run \`/complaint staff link id:<your staff id> platform:discord user:${user}\`${roles ? `, or to give you one of these roles: ${roles}` : ""}.`,
    "zh-CN": (user: string, roles: string) =>
      `你还不在员工名录中。请管理员执行 \`/complaint staff link id:<你的员工编号> platform:discord user:${user}\`${roles ? `，或给你以下角色之一：${roles}` : ""}。`,
  },
  inactive: {
    en: () => "Your staff account is deactivated; ask an admin to reactivate it.",
    "zh-CN": () => "你的员工账号已停用，请联系管理员恢复。",
  },
  noFreeId: {
    en: () =>
      "Could not create your staff record automatically (no free staff id); ask an admin to add you with /complaint staff add.",
    "zh-CN": () =>
      "无法自动为你创建员工记录（没有可用的员工编号），请管理员用 /complaint staff add 添加你。",
  },
  duplicateClick: {
    en: () => "That button was just pressed; the first press is being handled.",
    "zh-CN": () => "这个按钮刚刚已被按下，正在处理第一次点击。",
  },
  unknownButton: {
    en: () => "This button is no longer valid; run the command again.",
    "zh-CN": () => "此按钮已失效，请重新执行命令。",
  },
  internal: {
    en: () => "Something went wrong on our side; nothing was changed. Try again in a moment.",
    "zh-CN": () => "系统出错，未做任何更改。请稍后重试。",
  },
  details: { en: () => "Details", "zh-CN": () => "详情" },
  addNote: { en: () => "Add note", "zh-CN": () => "添加备注" },
  resolve: { en: () => "Resolve", "zh-CN": () => "处理完成" },
  moreActions: { en: () => "More", "zh-CN": () => "更多操作" },
  cardUpdated: {
    en: (actor: string, text: string) => `**${actor}**: ${text}`,
    "zh-CN": (actor: string, text: string) => `**${actor}**：${text}`,
  },
} as const;

type Catalog = typeof catalog;

/** The message `key` in `locale`. */
export function t<K extends keyof Catalog>(
  locale: ChatLocale,
  key: K,
  ...args: Parameters<Catalog[K]["en"]>
): string {
  const entry = catalog[key][locale] as (...a: Parameters<Catalog[K]["en"]>) => string;
  return entry(...args);
}
