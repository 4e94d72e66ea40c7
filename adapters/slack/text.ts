/**
 * The adapter's own words (buttons, headings, hints). Core replies arrive
 * already worded; these are only the Slack chrome around them.
 *
 * Seam for the i18n catalog: `chromeFor(locale)` is the one place a staff
 * member's language (zh-CN / en) picks the wording. Until the catalog lands
 * in core, every locale reads English.
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

export function chromeFor(_locale: string | null | undefined): Chrome {
  return english;
}
