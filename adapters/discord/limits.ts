/**
 * Discord's documented limits (developer docs: Application Commands, Message
 * Resource / Embed Limits, Component Reference). Renderers clip to them so a
 * long complaint never turns into a 400 from Discord.
 */
export const limits = {
  commandName: 32,
  description: 100,
  optionsPerCommand: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  stringOptionLength: 6000,
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Title, description, field names and values, footer and author of all embeds together. */
  embedTotal: 6000,
  buttonsPerRow: 5,
  rows: 5,
  customId: 100,
  buttonLabel: 80,
  modalTitle: 45,
  modalComponents: 5,
  inputLabel: 45,
  inputValue: 4000,
  placeholder: 100,
  threadName: 100,
  nonce: 25,
} as const;

/** Option and subcommand names (must also be lower-case). */
export const namePattern = /^[-_\p{L}\p{N}]{1,32}$/u;

/** `text` cut to `max` characters (code points), ending in "…" when cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
