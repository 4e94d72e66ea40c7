import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OptionSpec } from "../../src/core/commands/options.ts";
import { roleAtLeast, roles, type Role } from "../../src/core/staff/role.ts";
import { createTestEngine, type TestEngine } from "../helpers/engine.ts";

/** A value each option kind accepts, so a case-scoped check is reached. */
function sample(name: string, spec: OptionSpec, id: string): string {
  switch (spec.kind) {
    case "complaint":
      return id;
    case "staff":
      return "h-handler";
    case "department":
      return "billing";
    case "boolean":
      return "yes";
    case "choice":
      return spec.choices?.[0] ?? "x";
    case "time":
      return "2026-11-20T09:00+08:00";
    case "integer":
      return "1";
    case "contact":
      return "13800138000";
    default:
      return name === "amount" || name === "loss" ? "100" : `"sample ${name}"`;
  }
}

describe("permission matrix: every command with every role", () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine("postgres");
    for (const role of roles) {
      await t.ok(
        "admin",
        `staff add id:${role === "admin" ? "a-admin" : `x-${role}`} name:"${role}" role:${role} dept:billing`,
      );
    }
    await t.ok("admin", 'staff add id:h-handler name:"Owner" role:handler dept:billing');
    await t.ok("h-handler", 'open channel:hotline name:"Wang" contact:13800138000 content:"x"');
  });
  afterAll(async () => t?.close());

  const actorFor = (role: Role) => (role === "admin" ? "a-admin" : `x-${role}`);

  it("refuses a role below the command's minimum, before anything else, and lets the others through", async () => {
    const rows: string[] = [];
    for (const command of t.engine.commands) {
      for (const role of roles) {
        const outcome = await t.run(actorFor(role), `complaint ${command.name}`);
        const refusedForRole =
          !outcome.ok &&
          outcome.error.code === "E_FORBIDDEN" &&
          outcome.error.message.includes("needs the role");
        const allowed = roleAtLeast(role, command.permission.minRole);
        if (refusedForRole === allowed) rows.push(`${command.name} as ${role}: ${outcome.text}`);
      }
    }
    expect(rows).toEqual([]);
  });

  it("case-scoped commands: below manager only the case's own people; managers always", async () => {
    const rows: string[] = [];
    for (const command of t.engine.commands.filter((c) => c.permission.scope === "case")) {
      const specs = t.engine.optionSpecs(command);
      const options = Object.entries(specs)
        .filter(([, s]) => s.required)
        .map(([name, s]) => `${name}:${sample(name, s, "TS-2611-0001")}`)
        .join(" ");
      for (const role of roles) {
        if (!roleAtLeast(role, command.permission.minRole)) continue;
        const outcome = await t.run(actorFor(role), `complaint ${command.name} ${options}`);
        const notParty =
          !outcome.ok &&
          outcome.error.code === "E_FORBIDDEN" &&
          outcome.error.message.startsWith("only TS-2611-0001's owner");
        if (notParty !== !roleAtLeast(role, "dept-manager"))
          rows.push(`${command.name} as ${role}: ${outcome.text}`);
      }
    }
    expect(rows).toEqual([]);
  });
});
