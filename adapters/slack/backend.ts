import type { App } from "../../src/app.ts";
import type { Engine } from "../../src/core/engine.ts";

/**
 * What the Slack adapter needs from the application: the engine (commands
 * and their option specs) and a few facade methods. Narrower than App so
 * tests can wrap a piece (e.g. hold the engine back to prove the ack came
 * first) without faking the rest.
 */
export type CommandRunner = Pick<
  Engine,
  "execute" | "run" | "resolve" | "optionSpecs" | "commands" | "policy"
>;

export type SlackBackend = Pick<
  App,
  | "staffProfile"
  | "complaintSummary"
  | "chatMessages"
  | "inbound"
  | "chatInstallations"
  | "identify"
> & { engine: CommandRunner };

export const PLATFORM = "slack" as const;
