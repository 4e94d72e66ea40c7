import { invalidState } from "../errors.ts";
import { msg, translator, type Locale } from "../i18n/translate.ts";
import type { Status } from "./status.ts";

/**
 * The lifecycle as data: every state change goes through `transition()`, so
 * the table below is the whole truth about which moves exist.
 */
export const transitions = {
  triage: { from: ["registered"], to: "triaged" },
  assign: { from: ["registered", "triaged", "assigned", "in_progress"], to: "assigned" },
  start: { from: ["assigned"], to: "in_progress" },
  resolve: { from: ["assigned", "in_progress"], to: "resolved" },
  callbackSatisfied: { from: ["resolved"], to: "callback_done" },
  callbackUnsatisfied: { from: ["resolved"], to: "in_progress" },
  reopen: { from: ["resolved", "callback_done"], to: "in_progress" },
  invalidate: { from: ["registered", "triaged", "assigned", "in_progress"], to: "invalid" },
  close: { from: ["callback_done", "invalid"], to: "closed" },
  closeWithoutCallback: { from: ["resolved", "callback_done", "invalid"], to: "closed" },
} as const satisfies Record<string, { from: readonly Status[]; to: Status }>;

export type Transition = keyof typeof transitions;

export function canTransition(name: Transition, from: Status): boolean {
  return (transitions[name].from as readonly Status[]).includes(from);
}

/** The status as people read it: "in progress", "处理中". */
export function describeStatus(status: Status, locale: Locale = "en"): string {
  return translator(locale).status(status);
}

/**
 * The target status of `name` from `from`, or E_INVALID_STATE naming the
 * states from which the move is allowed, so the user knows what to do first.
 */
export function transition(name: Transition, from: Status, number: string): Status {
  const rule = transitions[name];
  if (!canTransition(name, from)) {
    throw invalidState(msg("lifecycle.notAllowed", { number, from, allowed: rule.from }));
  }
  return rule.to;
}

export function isOpen(status: Status): boolean {
  return status !== "closed";
}
