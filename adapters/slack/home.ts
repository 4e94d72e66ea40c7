import type { types } from "@slack/bolt";
import { describeStatus } from "../../src/core/complaint/lifecycle.ts";
import type { ComplaintView } from "../../src/core/complaint/view.ts";
import type { Outcome } from "../../src/core/reply/reply.ts";
import { formatWallTime } from "../../src/core/time/zoned.ts";
import type { CommandRunner } from "./backend.ts";
import {
  RUN_ACTION_PREFIX,
  context,
  escape,
  fit,
  header,
  renderOutcome,
  type Block,
} from "./blocks.ts";
import { clamp, limits } from "./limits.ts";
import type { Chrome } from "./text.ts";

/**
 * The App Home tab: each section is a command run as the viewer through the
 * engine, so it shows exactly what `complaint list …` would. Sections appear
 * when the core offers them: "Due soon" once `list` has a due-soon filter,
 * "Approvals waiting for me" once there is an `approvals` command.
 */
export interface HomeSection {
  id: string;
  heading: string;
  words: string[];
  options: Record<string, string>;
}

const ROWS_PER_SECTION = 10;
/** `complaint approve` without an id lists what waits for the person's decision. */
export const APPROVALS_COMMAND = "approve";

export function homeSections(engine: CommandRunner): HomeSection[] {
  const out: HomeSection[] = [];
  const list = engine.commands.find((c) => c.name === "list");
  if (list) {
    const specs = engine.optionSpecs(list);
    const filters = specs["filter"]?.choices ?? [];
    const limit: Record<string, string> =
      "limit" in specs ? { limit: String(ROWS_PER_SECTION) } : {};
    const plan: [string, string][] = [
      ["mine", "My open cases"],
      ["due-soon", "Due soon"],
      ["overdue", "Overdue"],
    ];
    for (const [filter, heading] of plan) {
      if (filters.includes(filter)) {
        out.push({ id: filter, heading, words: ["list"], options: { filter, ...limit } });
      }
    }
  }
  if (engine.commands.some((c) => c.name === APPROVALS_COMMAND)) {
    out.push({
      id: "approvals",
      heading: "Approvals waiting for me",
      words: [APPROVALS_COMMAND],
      options: {},
    });
  }
  return out;
}

export async function buildHome(
  engine: CommandRunner,
  staffId: string,
  chrome: Chrome,
  now: Date,
): Promise<types.HomeView> {
  const parts: Block[][] = [];
  for (const s of homeSections(engine)) {
    const outcome = await engine.run(s.words, s.options, staffId);
    // Sections for other roles (approvals are for managers) are left out, not shown as errors.
    if (!outcome.ok && outcome.error.code === "E_FORBIDDEN") continue;
    parts.push([header(s.heading), ...sectionBody(s, outcome, engine, chrome)]);
  }
  const footer = context(escape(chrome.homeRefreshed(formatWallTime(now, engine.policy.timezone))));
  const blocks = fit(parts.flat(), [footer], limits.viewBlocks, chrome);
  return { type: "home", blocks };
}

function sectionBody(
  s: HomeSection,
  outcome: Outcome,
  engine: CommandRunner,
  chrome: Chrome,
): Block[] {
  if (!outcome.ok || !outcome.complaints) {
    // A section that is not a complaint list (approvals) renders as any reply does.
    return renderOutcome(outcome, { chrome, maxBlocks: ROWS_PER_SECTION + 2 }).blocks;
  }
  if (outcome.complaints.length === 0) return [context(escape(chrome.homeEmpty))];
  const rows: Block[] = outcome.complaints
    .slice(0, ROWS_PER_SECTION)
    .map((c) => complaintRow(c, engine.policy.timezone));
  const total = outcome.total ?? outcome.complaints.length;
  if (total > rows.length) {
    const line = `complaint ${s.words.join(" ")} ${Object.entries(s.options)
      .filter(([k]) => k !== "limit")
      .map(([k, v]) => `${k}:${v}`)
      .join(" ")}`.trim();
    rows.push(context(escape(chrome.homeMore(rows.length, total, line))));
  }
  return rows;
}

function complaintRow(c: ComplaintView, timeZone: string): types.SectionBlock {
  const due = (c.deadlines ?? []).find((d) => !d.metAt && d.dueAt);
  const when = due?.dueAt
    ? ` · ${escape(due.label)} ${formatWallTime(new Date(due.dueAt), timeZone)}${due.overdue ? " :warning:" : ""}`
    : "";
  const text =
    `*${escape(c.number)}* · ${escape(describeStatus(c.status))} · ${escape(c.severity)} · ` +
    `${escape(c.assignee ?? "unassigned")}${when}\n${escape(clamp(c.content.replace(/\s+/g, " "), 150))}`;
  return {
    type: "section",
    text: { type: "mrkdwn", text: clamp(text, limits.sectionText) },
    accessory: {
      type: "button",
      action_id: `${RUN_ACTION_PREFIX}show:${c.number}`,
      text: { type: "plain_text", text: "Show" },
      value: `complaint show id:${c.number}`,
    },
  };
}
