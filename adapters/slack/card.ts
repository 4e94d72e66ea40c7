import { canTransition, describeStatus, isOpen } from "../../src/core/complaint/lifecycle.ts";
import type { ComplaintView } from "../../src/core/complaint/view.ts";
import type { Policy } from "../../src/core/policy/schema.ts";
import type { ReplyAction } from "../../src/core/reply/reply.ts";
import { formatWallTime } from "../../src/core/time/zoned.ts";
import type { CommandRunner } from "./backend.ts";
import {
  buttonRows,
  context,
  escape,
  fieldSections,
  fit,
  section,
  type Block,
  type MessagePayload,
} from "./blocks.ts";
import { clamp, limits } from "./limits.ts";
import type { Chrome } from "./text.ts";

/**
 * The complaint card: one message per complaint in its team channel,
 * updated in place. It shows what a team channel may see (no contact, no
 * complainant name), its deadlines when the view carries them, and buttons
 * for the next steps.
 */

/** Stands for "whoever presses the button" in a card's command line. */
export const ACTOR_TOKEN = "@me";

interface CardStep {
  id: string;
  label: string;
  /** The core command the button runs; the button only appears if it is registered. */
  command: string;
  extra?: string;
  style?: ReplyAction["style"];
  when: (view: ComplaintView, policy: Policy) => boolean;
}

const steps: readonly CardStep[] = [
  {
    id: "assign-me",
    label: "Assign to me",
    command: "assign",
    extra: `to:${ACTOR_TOKEN}`,
    when: (v) => canTransition("assign", v.status),
  },
  {
    id: "contact",
    label: "Log contact",
    command: "contact",
    // The contact command's own rule: while the case is being handled.
    when: (v) => isOpen(v.status) && v.status !== "invalid",
  },
  {
    id: "resolve",
    label: "Resolve",
    command: "resolve",
    style: "primary",
    when: (v) => canTransition("resolve", v.status),
  },
  {
    id: "callback",
    label: "Record callback",
    command: "callback",
    when: (v, p) => p.lifecycle.callbackRequired && canTransition("callbackSatisfied", v.status),
  },
  {
    id: "close",
    label: "Close",
    command: "close",
    style: "danger",
    when: (v, p) =>
      canTransition(p.lifecycle.callbackRequired ? "close" : "closeWithoutCallback", v.status),
  },
];

/**
 * The card's buttons for the complaint's current state. Each carries the
 * complaint's version when the command takes one, so a press on an outdated
 * card fails with E_CONFLICT instead of acting on what the presser never saw.
 */
export function cardActions(view: ComplaintView, engine: CommandRunner): ReplyAction[] {
  const out: ReplyAction[] = [];
  for (const step of steps) {
    const command = engine.commands.find((c) => c.name === step.command);
    if (!command || !step.when(view, engine.policy)) continue;
    const specs = engine.optionSpecs(command);
    const version = "version" in specs ? ` version:${view.version}` : "";
    out.push({
      id: step.id,
      label: step.label,
      command: `complaint ${step.command} id:${view.number}${step.extra ? ` ${step.extra}` : ""}${version}`,
      ...(step.style ? { style: step.style } : {}),
    });
  }
  return out;
}

const excerpt = (text: string, max = 280) => clamp(text.replace(/\s+/g, " ").trim(), max);

export function renderCard(
  view: ComplaintView,
  actions: readonly ReplyAction[],
  options: { timeZone: string; chrome: Chrome },
): MessagePayload {
  const { chrome, timeZone } = options;
  const at = (iso: string) => formatWallTime(new Date(iso), timeZone);
  const status = describeStatus(view.status);
  const headline =
    `*${escape(view.number)}* · ${escape(status)} · ${escape(view.severity)} · ${escape(view.channel)}` +
    (view.major ? " · :rotating_light: major" : "");
  const content: Block[] = [section(`${headline}\n${escape(excerpt(view.content))}`)];
  const fields = [
    { label: "Department", value: view.department ?? "—" },
    { label: "Owner", value: view.owner },
    { label: "Assignee", value: view.assignee ?? "unassigned" },
    { label: "Received", value: at(view.receivedAt) },
  ];
  if (view.category) fields.push({ label: "Category", value: view.category });
  if (view.repeatOf) fields.push({ label: "Repeat of", value: view.repeatOf });
  content.push(...fieldSections(fields));
  const deadlines = view.deadlines ?? [];
  if (deadlines.length > 0) {
    const lines = deadlines.map((d) => {
      const state = d.metAt
        ? `${chrome.met} ${at(d.metAt)}`
        : d.paused
          ? chrome.paused
          : d.dueAt
            ? `${at(d.dueAt)}${d.overdue ? ` *${chrome.overdue}*` : ""}`
            : "—";
      return `${escape(d.label)}: ${state}`;
    });
    content.push(context(`*${escape(chrome.deadlines)}* · ${lines.join(" · ")}`));
  }
  const tail: Block[] = [...buttonRows(actions), context(chrome.cardThreadHint)];
  return {
    text: clamp(
      escape(`${view.number} (${status}): ${excerpt(view.content, 140)}`),
      limits.messageText,
    ),
    blocks: fit(content, tail, limits.messageBlocks, chrome),
  };
}
