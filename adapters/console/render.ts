import type { Notification } from "../../src/core/notifications/notification.ts";
import type { Outcome, ReplyFile } from "../../src/core/reply/reply.ts";

/**
 * `--json`: one line per answer. The keys are a public contract (README,
 * "Console JSON"): ok, text, and when present complaint, complaints, total,
 * staff, staffList, sections, actions, error {code, message, details}.
 */
export function renderJson(outcome: Outcome): string {
  if (!outcome.ok) return JSON.stringify({ ok: false, text: outcome.text, error: outcome.error });
  const { fields: _fields, title: _title, ...rest } = outcome;
  return JSON.stringify(rest);
}

/** `files`: the charts it came with, as written to disk (the console's delivery of them). */
export function renderNotificationJson(n: Notification, files: readonly ReplyFile[] = []): string {
  return JSON.stringify({
    kind: n.kind,
    to: n.to,
    text: n.text,
    ...(n.complaint ? { complaint: n.complaint } : {}),
    ...(files.length ? { files } : {}),
  });
}

/** Plain text for people at a terminal. */
export function renderText(outcome: Outcome): string {
  if (!outcome.ok) {
    const fields = outcome.error.details?.fields;
    const lines = [`error ${outcome.error.code}: ${outcome.error.message}`];
    if (fields && Object.keys(fields).length > 1) {
      for (const [name, problem] of Object.entries(fields)) lines.push(`  - ${name}: ${problem}`);
    }
    return lines.join("\n");
  }
  const lines = [outcome.text];
  if (outcome.fields?.length) {
    const width = Math.max(...outcome.fields.map((f) => displayWidth(f.label)));
    for (const f of outcome.fields) {
      const [first, ...more] = f.value.split("\n");
      const pad = " ".repeat(width - displayWidth(f.label));
      lines.push(`  ${f.label}${pad}  ${first ?? ""}`);
      for (const m of more) lines.push(`  ${" ".repeat(width)}  ${m}`);
    }
  }
  for (const section of outcome.sections ?? []) {
    lines.push(`${section.heading}:`);
    for (const l of section.lines) lines.push(`  ${l}`);
  }
  for (const f of outcome.files ?? []) lines.push(fileLine(f));
  if (outcome.actions?.length) {
    lines.push(`Actions: ${outcome.actions.map((a) => `[${a.label}] ${a.command}`).join("  ")}`);
  }
  return lines.join("\n");
}

// Chinese labels (受理渠道) take two terminal columns per character.
const wide =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Columns a terminal gives `text`: East Asian wide characters count twice. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) width += wide.test(c) ? 2 : 1;
  return width;
}

function fileLine(f: ReplyFile): string {
  const size = f.bytes < 10_240 ? `${f.bytes} bytes` : `${Math.round(f.bytes / 1024)} kB`;
  const rows = f.rows === undefined ? "" : `, ${f.rows} rows`;
  return `File: ${f.path ?? f.filename} (${size}${rows})`;
}

export function renderNotificationText(n: Notification, files: readonly ReplyFile[] = []): string {
  const head = n.kind === "dm" ? `  >> DM to ${n.to}: ${n.text}` : `  >> #${n.to}: ${n.text}`;
  return [head, ...files.map((f) => `     ${fileLine(f)}`)].join("\n");
}
