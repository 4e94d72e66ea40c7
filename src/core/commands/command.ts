import type { DeadlineCalendar } from "../deadlines/deadline.ts";
import type { Policy } from "../policy/schema.ts";
import type { Repositories } from "../ports.ts";
import type { Reply } from "../reply/reply.ts";
import type { Role } from "../staff/role.ts";
import type { Staff } from "../staff/staff.ts";
import type { OptionSpecs, OptionValues } from "./options.ts";

export interface CommandContext {
  actor: Staff;
  repos: Repositories;
  policy: Policy;
  now: Date;
  calendar: DeadlineCalendar;
  /** Every command, for `help`. */
  commands: readonly AnyCommand[];
}

export interface Permission {
  /** The lowest role that may run the command at all. */
  minRole: Role;
  /**
   * "case": below manager rank, only the complaint's first-contact owner or
   * assignee may act on it.
   */
  scope: "any" | "case";
}

export interface CommandDefinition<O extends OptionSpecs> {
  /** Words after `complaint`: "open", "staff add". */
  name: string;
  summary: string;
  /** Option specs; a function because choices and limits come from the policy. */
  options: (policy: Policy) => O;
  permission: Permission;
  examples: readonly string[];
  handler: (args: OptionValues<O>, ctx: CommandContext) => Promise<Reply>;
}

export type AnyCommand = CommandDefinition<OptionSpecs>;

/** Identity function that keeps the option types for the handler. */
export function defineCommand<O extends OptionSpecs>(def: CommandDefinition<O>): AnyCommand {
  return def as unknown as AnyCommand;
}
