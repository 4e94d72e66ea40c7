/**
 * Slack's Block Kit limits the renderer stays inside
 * (https://docs.slack.dev/reference/block-kit/). Payloads over a limit are
 * refused by Slack as a whole (`invalid_blocks`), so text is cut, never sent
 * long. test/slack/block-kit-limits.ts checks payloads against its own copy of
 * these numbers, so a wrong value here cannot hide itself.
 */
export const limits = {
  messageBlocks: 50,
  viewBlocks: 100,
  /** Top-level `text` of a message: Slack truncates at 40k; notifications stay short. */
  messageText: 3000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  plainTextInputMax: 3000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
} as const;

/** Cuts `text` to `max` characters (code points), marking the cut with "…". */
export function clamp(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join("")}…`;
}

/** Slack counts characters; this is what our clamps count too. */
export function length(text: string): number {
  return Array.from(text).length;
}
