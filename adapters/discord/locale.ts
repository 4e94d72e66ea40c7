/**
 * Discord tells every interaction the member's client language. The adapter
 * answers its own messages in it; replies from the core engine stay in the
 * engine's language until the core has a message catalog (then this locale
 * is what the adapter hands it).
 */
export type ChatLocale = "zh-CN" | "en";

export function chatLocale(discordLocale: string | undefined): ChatLocale {
  return discordLocale?.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}
