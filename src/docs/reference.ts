import { settings } from "../config/env.ts";
import { commands } from "../core/commands/registry.ts";
import { ErrorCode } from "../core/errors.ts";
import { defaultPolicy } from "../core/policy/schema.ts";
import { roles, roleAtLeast } from "../core/staff/role.ts";

/**
 * README sections generated from the code, so the documentation of
 * settings, commands and permissions cannot drift from what runs.
 */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function settingsTable(): string {
  const rows = settings.map(
    (s) =>
      `| \`${s.name}\` | ${s.default ? `\`${cell(s.default)}\`` : "(unset)"} | ${cell(s.description)} |`,
  );
  return ["| variable | default | meaning |", "|---|---|---|", ...rows].join("\n");
}

export function commandsTable(): string {
  const policy = defaultPolicy();
  const rows = commands.map((c) => {
    const specs = c.options(policy);
    const options = Object.entries(specs)
      .map(([name, spec]) => (spec.required ? `\`${name}:\`` : `[\`${name}:\`]`))
      .join(" ");
    return `| \`complaint ${c.name}\` | ${options || "—"} | ${cell(c.summary)} |`;
  });
  return ["| command | options | what it does |", "|---|---|---|", ...rows].join("\n");
}

export function permissionMatrix(): string {
  const header = `| command | ${roles.join(" | ")} |`;
  const rows = commands.map((c) => {
    const marks = roles.map((r) => {
      if (!roleAtLeast(r, c.permission.minRole)) return "—";
      return c.permission.scope === "case" && !roleAtLeast(r, "dept-manager") ? "own cases" : "yes";
    });
    return `| \`${c.name}\` | ${marks.join(" | ")} |`;
  });
  return [header, `|---|${roles.map(() => "---").join("|")}|`, ...rows].join("\n");
}

export function errorCodes(): string {
  return Object.values(ErrorCode)
    .map((code) => `\`${code}\``)
    .join(", ");
}

export const generatedSections: Record<string, () => string> = {
  settings: settingsTable,
  commands: commandsTable,
  permissions: permissionMatrix,
  "error-codes": errorCodes,
};

/** Replaces every `<!-- BEGIN name -->…<!-- END name -->` block. */
export function renderReadme(readme: string): string {
  let out = readme;
  for (const [name, render] of Object.entries(generatedSections)) {
    const pattern = new RegExp(`(<!-- BEGIN ${name} -->\\n)[\\s\\S]*?(<!-- END ${name} -->)`);
    if (!pattern.test(out)) throw new Error(`README has no generated section "${name}"`);
    out = out.replace(
      pattern,
      (_m, begin: string, end: string) => `${begin}\n${render()}\n\n${end}`,
    );
  }
  return out;
}

/** renderReadme, then formatted the way `prettier --check` expects. */
export async function renderFormattedReadme(readme: string, filepath: string): Promise<string> {
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(renderReadme(readme), { ...options, filepath });
}
