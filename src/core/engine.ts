import type { AfterCommit, AnyCommand, CommandContext } from "./commands/command.ts";
import { parseLine } from "./commands/grammar.ts";
import type { OptionSpecs } from "./commands/options.ts";
import { commands as defaultCommands } from "./commands/registry.ts";
import {
  ComplaintError,
  ErrorCode,
  forbidden,
  isComplaintError,
  unknownStaff,
  validationError,
} from "./errors.ts";
import type { DeadlineCalendar } from "./deadlines/deadline.ts";
import {
  isMessage,
  localeOf,
  msg,
  translator,
  type Locale,
  type Translator,
} from "./i18n/translate.ts";
import type { Policy } from "./policy/schema.ts";
import type { Clock, UnitOfWork } from "./ports.ts";
import type { Outcome, Reply } from "./reply/reply.ts";
import type { ProgressListener, ReportServices } from "./reports/services.ts";
import { roleAtLeast } from "./staff/role.ts";
import { suggest } from "./suggest.ts";

export interface EngineOptions {
  uow: UnitOfWork;
  policy: Policy;
  clock: Clock;
  /** Deadline arithmetic (the business calendar). */
  calendar: DeadlineCalendar;
  commands?: readonly AnyCommand[];
  /** Called with failures that are not the user's fault (bugs, outages). */
  onInternalError?: (error: unknown, context: { line: string; actorId: string }) => void;
  /** Exports and charts; without them `export` is unavailable and `stats` has no charts. */
  services?: ReportServices;
}

/** Per call: how a long command (an export) reports its progress. */
export interface RunOptions {
  onProgress?: ProgressListener;
  /**
   * The language the person's chat client reports (Discord's interaction
   * locale): it wins over the staff record's, which wins over the policy's.
   */
  locale?: Locale;
}

export interface Resolved {
  command: AnyCommand;
  specs: OptionSpecs;
}

/**
 * Runs one command line for one staff member: parse, find the command,
 * validate every option, then check identity and role and run the handler,
 * all inside one transaction. Any error leaves the database as it was.
 */
export class Engine {
  readonly commands: readonly AnyCommand[];
  private readonly specs = new Map<AnyCommand, OptionSpecs>();

  constructor(private readonly options: EngineOptions) {
    this.commands = options.commands ?? defaultCommands;
    for (const c of this.commands) this.specs.set(c, c.options(options.policy));
  }

  get policy(): Policy {
    return this.options.policy;
  }

  optionSpecs(command: AnyCommand): OptionSpecs {
    const specs = this.specs.get(command);
    if (!specs) throw new Error(`unregistered command ${command.name}`);
    return specs;
  }

  /** The language `actorId` reads: their own, else the policy's (also for people not in the directory). */
  async localeFor(actorId: string): Promise<Locale> {
    try {
      const staff = await this.options.uow.transaction((repos) => repos.staff.find(actorId));
      return localeOf(staff, this.options.policy.locale);
    } catch {
      return this.options.policy.locale;
    }
  }

  /** Replies in `locale`, naming the policy's channels, categories and causes in it. */
  translator(locale: Locale): Translator {
    return translator(locale, this.options.policy);
  }

  /** Runs a line of the text grammar. */
  async execute(line: string, actorId: string, runOptions: RunOptions = {}): Promise<Outcome> {
    let parsed;
    try {
      parsed = parseLine(line);
    } catch (error) {
      return this.failure(
        error,
        line,
        actorId,
        runOptions.locale ?? (await this.localeFor(actorId)),
      );
    }
    return this.run(parsed.words, parsed.options, actorId, runOptions);
  }

  /**
   * Runs a command given as words and raw option strings: what modals,
   * buttons and Discord options produce, without going through text.
   */
  async run(
    words: readonly string[],
    options: Record<string, string>,
    actorId: string,
    runOptions: RunOptions = {},
  ): Promise<Outcome> {
    const line = words.join(" ");
    let locale = runOptions.locale ?? this.options.policy.locale;
    try {
      const deferred: AfterCommit[] = [];
      const reply = await this.options.uow.transaction(async (repos) => {
        // Only the attempt that commits may leave work behind.
        deferred.length = 0;
        const actor = await repos.staff.find(actorId);
        // Looked up first so that even "unknown command" is in the actor's language.
        locale = runOptions.locale ?? localeOf(actor, this.options.policy.locale);
        const t = this.translator(locale);
        const { command, specs } = this.resolve(words);
        if (!actor) throw unknownStaff(msg("engine.unknownStaff", { id: actorId }));
        if (!actor.active) throw forbidden(msg("engine.deactivated", { id: actorId }));
        if (!roleAtLeast(actor.role, command.permission.minRole)) {
          throw forbidden(
            msg("engine.needsRole", {
              command: command.name,
              role: command.permission.minRole,
              actual: actor.role,
            }),
          );
        }
        // After the role check: someone who may not run a command learns that first.
        const args = validateOptions(command, specs, options, t);
        const ctx: CommandContext = {
          actor,
          repos,
          policy: this.options.policy,
          now: this.options.clock.now(),
          calendar: this.options.calendar,
          commands: this.commands,
          afterCommit: (step) => deferred.push(step),
          locale,
          t,
        };
        return command.handler(args, ctx);
      });
      let full = reply;
      for (const step of deferred) {
        const env = { services: this.options.services ?? {}, onProgress: runOptions.onProgress };
        full = mergeReply(full, await step(env));
      }
      return { ok: true, ...full };
    } catch (error) {
      return this.failure(error, line, actorId, locale);
    }
  }

  /** The command `words` name, or a coded E_UNKNOWN_COMMAND. */
  resolve(words: readonly string[]): Resolved {
    if (words.length === 0) {
      throw new ComplaintError(ErrorCode.UnknownCommand, msg("engine.noCommand"));
    }
    for (const take of [2, 1]) {
      if (take > words.length) continue;
      const name = words.slice(0, take).join(" ");
      const command = this.commands.find((c) => c.name === name);
      if (command && words.length === take) return { command, specs: this.optionSpecs(command) };
      if (command) {
        throw new ComplaintError(
          ErrorCode.UnknownCommand,
          msg("engine.takesOptions", { name, word: words[take] ?? "" }),
        );
      }
    }
    const name = words.join(" ");
    const group = this.commands.filter((c) => c.name.startsWith(`${words[0] ?? ""} `));
    const suggestion = suggest(
      name,
      this.commands.map((c) => c.name),
      (s) => s,
    );
    throw new ComplaintError(
      ErrorCode.UnknownCommand,
      msg("engine.unknownCommand", {
        name,
        group: group.length > 0 ? (words[0] ?? "") : null,
        subcommands: group.map((c) => c.name.split(" ")[1] ?? ""),
        suggestion: suggestion || null,
      }),
    );
  }

  private failure(error: unknown, line: string, actorId: string, locale: Locale): Outcome {
    const t = this.translator(locale);
    if (isComplaintError(error)) {
      const { message, details } = error.localize(t);
      return {
        ok: false,
        text: `${error.code}: ${message}`,
        error: { code: error.code, message, ...(details ? { details } : {}) },
      };
    }
    this.options.onInternalError?.(error, { line, actorId });
    const message = t("engine.internal");
    return {
      ok: false,
      text: `${ErrorCode.Internal}: ${message}`,
      error: { code: ErrorCode.Internal, message },
    };
  }
}

function mergeReply(reply: Reply, more: Partial<Reply>): Reply {
  const files = [...(reply.files ?? []), ...(more.files ?? [])];
  const sections = [...(reply.sections ?? []), ...(more.sections ?? [])];
  return {
    ...reply,
    ...more,
    text: more.text ?? reply.text,
    ...(files.length ? { files } : {}),
    ...(sections.length ? { sections } : {}),
  };
}

/**
 * Checks every option at once, so the user fixes them all in one go. The
 * refusal is in `t`'s language (English by default, for adapters that check
 * a form before running it).
 */
export function validateOptions(
  command: AnyCommand,
  specs: OptionSpecs,
  given: Record<string, string>,
  t: Translator = translator("en"),
): Record<string, unknown> {
  const problems: string[] = [];
  const fields: Record<string, string> = {};
  const args: Record<string, unknown> = {};
  const known = Object.keys(specs);
  for (const name of Object.keys(given)) {
    if (!(name in specs)) {
      const suggestion = suggest(name, known, (s) => s) || null;
      problems.push(
        t("validate.unknownOption", { name, command: command.name, suggestion, known }),
      );
      fields[name] = t("field.unknownOption");
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    const raw = given[name];
    if (raw === undefined) {
      if (spec.required) {
        problems.push(t("validate.missing", { name, help: t.render(spec.helpText) }));
        fields[name] = t("field.missing");
      }
      continue;
    }
    const result = spec.schema.safeParse(raw);
    if (result.success) {
      args[name] = result.data;
    } else {
      const problem = result.error.issues
        .map((i) => {
          const message: unknown = i.code === "custom" ? i.params?.i18n : undefined;
          return isMessage(message) ? t.render(message) : i.message;
        })
        .join(t("common.clauseSeparator"));
      problems.push(t("validate.bad", { name, raw, problem }));
      fields[name] = problem;
    }
  }
  if (problems.length > 0) {
    throw validationError(t("validate.summary", { command: command.name, problems }), fields);
  }
  return args;
}
