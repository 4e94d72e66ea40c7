import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/logging.ts";

const text = (parts: unknown[]) =>
  parts
    .map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : JSON.stringify(p)))
    .join(" ");

/**
 * Bolt and its Web API / Socket Mode clients log through our pino logger,
 * so their lines share level, format and redaction (tokens) with ours.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let child = logger.child({ component: "slack" });
  return {
    debug: (...msg: unknown[]) => child.debug(text(msg)),
    info: (...msg: unknown[]) => child.info(text(msg)),
    warn: (...msg: unknown[]) => child.warn(text(msg)),
    error: (...msg: unknown[]) => child.error(text(msg)),
    // The process log level rules; Bolt's own setting is ignored.
    setLevel: () => undefined,
    getLevel: () => {
      const level = child.level;
      return level === "debug" || level === "trace"
        ? LogLevel.DEBUG
        : level === "info"
          ? LogLevel.INFO
          : level === "warn"
            ? LogLevel.WARN
            : LogLevel.ERROR;
    },
    setName: (name: string) => {
      child = logger.child({ component: name });
    },
  };
}
