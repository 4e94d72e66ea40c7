import type { AnyCommand, CommandContext } from "./commands/command.ts";
import { parseLine } from "./commands/grammar.ts";
import type { OptionSpecs } from "./commands/options.ts";
import { commands as defaultCommands } from "./commands/registry.ts";
import {
  ComplaintError,
  ErrorCode,
  forbidden,
  isComplaintError,
  validationError,
} from "./errors.ts";
import type { DeadlineCalendar } from "./deadlines/deadline.ts";
import type { Policy } from "./policy/schema.ts";
import type { Clock, UnitOfWork } from "./ports.ts";
import type { Outcome } from "./reply/reply.ts";
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

  /** Runs a line of the text grammar. */
  async execute(line: string, actorId: string): Promise<Outcome> {
    let parsed;
    try {
      parsed = parseLine(line);
    } catch (error) {
      return this.failure(error, line, actorId);
    }
    return this.run(parsed.words, parsed.options, actorId);
  }

  /**
   * Runs a command given as words and raw option strings: what modals,
   * buttons and Discord options produce, without going through text.
   */
  async run(
    words: readonly string[],
    options: Record<string, string>,
    actorId: string,
  ): Promise<Outcome> {
    const line = words.join(" ");
    try {
      const { command, specs } = this.resolve(words);
      const reply = await this.options.uow.transaction(async (repos) => {
        const actor = await repos.staff.find(actorId);
        if (!actor) {
          throw new ComplaintError(
            ErrorCode.UnknownStaff,
            `you (${actorId}) are not in the staff directory; an admin adds you with complaint staff add id:${actorId} name:"…" role:agent`,
          );
        }
        if (!actor.active) throw forbidden(`your account ${actorId} is deactivated`);
        if (!roleAtLeast(actor.role, command.permission.minRole)) {
          throw forbidden(
            `complaint ${command.name} needs the role ${command.permission.minRole} or higher; you are ${actor.role}`,
          );
        }
        // After the role check: someone who may not run a command learns that first.
        const args = validateOptions(command, specs, options);
        const ctx: CommandContext = {
          actor,
          repos,
          policy: this.options.policy,
          now: this.options.clock.now(),
          calendar: this.options.calendar,
          commands: this.commands,
        };
        return command.handler(args, ctx);
      });
      return { ok: true, ...reply };
    } catch (error) {
      return this.failure(error, line, actorId);
    }
  }

  /** The command `words` name, or a coded E_UNKNOWN_COMMAND. */
  resolve(words: readonly string[]): Resolved {
    if (words.length === 0) {
      throw new ComplaintError(
        ErrorCode.UnknownCommand,
        "no command given; complaint help lists the commands",
      );
    }
    for (const take of [2, 1]) {
      if (take > words.length) continue;
      const name = words.slice(0, take).join(" ");
      const command = this.commands.find((c) => c.name === name);
      if (command && words.length === take) return { command, specs: this.optionSpecs(command) };
      if (command) {
        throw new ComplaintError(
          ErrorCode.UnknownCommand,
          `complaint ${name} takes options written name:value, not ${JSON.stringify(words[take])}`,
        );
      }
    }
    const name = words.join(" ");
    const group = this.commands.filter((c) => c.name.startsWith(`${words[0] ?? ""} `));
    const hint =
      group.length > 0
        ? `; ${words[0] ?? ""} takes one of: ${group.map((c) => c.name.split(" ")[1]).join(", ")}`
        : suggest(
            name,
            this.commands.map((c) => c.name),
            (s) => `; did you mean ${s}?`,
          );
    throw new ComplaintError(
      ErrorCode.UnknownCommand,
      `unknown command ${JSON.stringify(name)}${hint}. complaint help lists the commands`,
    );
  }

  private failure(error: unknown, line: string, actorId: string): Outcome {
    if (isComplaintError(error)) {
      return {
        ok: false,
        text: `${error.code}: ${error.message}`,
        error: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        },
      };
    }
    this.options.onInternalError?.(error, { line, actorId });
    const message =
      "something went wrong on our side; nothing was changed. Try again, and tell an admin if it keeps happening";
    return {
      ok: false,
      text: `${ErrorCode.Internal}: ${message}`,
      error: { code: ErrorCode.Internal, message },
    };
  }
}

/** Checks every option at once, so the user fixes them all in one go. */
export function validateOptions(
  command: AnyCommand,
  specs: OptionSpecs,
  given: Record<string, string>,
): Record<string, unknown> {
  const problems: string[] = [];
  const fields: Record<string, string> = {};
  const args: Record<string, unknown> = {};
  for (const name of Object.keys(given)) {
    if (!(name in specs)) {
      const hint = suggest(name, Object.keys(specs), (s) => ` (did you mean ${s}?)`);
      const known = Object.keys(specs);
      problems.push(
        `${name}: complaint ${command.name} has no option ${name}${hint}; ` +
          (known.length ? `it takes ${known.join(", ")}` : "it takes no options"),
      );
      fields[name] = "unknown option";
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    const raw = given[name];
    if (raw === undefined) {
      if (spec.required) {
        problems.push(`${name}: missing (${spec.help})`);
        fields[name] = "missing";
      }
      continue;
    }
    const result = spec.schema.safeParse(raw);
    if (result.success) {
      args[name] = result.data;
    } else {
      const message = result.error.issues.map((i) => i.message).join("; ");
      const shown =
        raw.length > 40
          ? `${JSON.stringify(raw.slice(0, 40))}… (${raw.length} characters)`
          : JSON.stringify(raw);
      problems.push(`${name}: ${shown} ${message}`);
      fields[name] = message;
    }
  }
  if (problems.length > 0) {
    throw validationError(`complaint ${command.name}: ${problems.join("; ")}`, fields);
  }
  return args;
}
