import type { DeadlineCalendar } from "../deadlines/deadline.ts";
import { inEnglish, type Locale, type Text, type Translator } from "../i18n/translate.ts";
import type { Policy } from "../policy/schema.ts";
import type { Repositories } from "../ports.ts";
import type { Reply } from "../reply/reply.ts";
import type { ProgressListener, ReportServices } from "../reports/services.ts";
import type { Role } from "../staff/role.ts";
import type { Staff } from "../staff/staff.ts";
import type { OptionSpecs, OptionValues } from "./options.ts";

/** What work after the commit may use: the app's report services and the caller's progress listener. */
export interface AfterCommitEnv {
  services: ReportServices;
  onProgress?: ProgressListener | undefined;
}

/** Work that runs once the transaction has committed (exports, charts); its reply is merged in. */
export type AfterCommit = (env: AfterCommitEnv) => Promise<Partial<Reply>>;

export interface CommandContext {
  actor: Staff;
  repos: Repositories;
  policy: Policy;
  now: Date;
  calendar: DeadlineCalendar;
  /** Every command, for `help`. */
  commands: readonly AnyCommand[];
  /** Runs `step` after the commit, outside the transaction (only if it commits). */
  afterCommit: (step: AfterCommit) => void;
  /** The actor's language: their own, else the policy's. */
  locale: Locale;
  /** Renders replies in `locale`: `t("assign.done", { number, id, name })`. */
  t: Translator;
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
  /** In English, as adapters and the README read it; `localizedSummary` gives it in another language. */
  summary: string;
  /** The summary to translate (a message of the help catalog). */
  summaryText: Text;
  /** Option specs; a function because choices and limits come from the policy. */
  options: (policy: Policy) => O;
  permission: Permission;
  examples: readonly string[];
  handler: (args: OptionValues<O>, ctx: CommandContext) => Promise<Reply>;
}

/** What a command file declares: its summary as a message, so it exists in every language. */
export interface CommandSpec<O extends OptionSpecs> extends Omit<
  CommandDefinition<O>,
  "summary" | "summaryText"
> {
  summary: Text;
}

export type AnyCommand = CommandDefinition<OptionSpecs>;

/** Keeps the option types for the handler; the summary is kept in English and as a message. */
export function defineCommand<O extends OptionSpecs>(spec: CommandSpec<O>): AnyCommand {
  const def: CommandDefinition<O> = {
    ...spec,
    summary: inEnglish(spec.summary),
    summaryText: spec.summary,
  };
  return def as unknown as AnyCommand;
}
