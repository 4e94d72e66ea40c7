/**
 * Discord tells every interaction the member's client language. The adapter
 * answers its own messages in it and hands it to the engine, so core replies
 * come in it too.
 */
export type ChatLocale = "zh-CN" | "en";

export function chatLocale(discordLocale: string | undefined): ChatLocale {
  return discordLocale?.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}
