import { pino, type DestinationStream, type Level, type Logger } from "pino";

export type { Logger } from "pino";

/**
 * Keys whose values never reach a log line: the complainant's contact (PII,
 * 003) and credentials. Listed one and two levels deep because wildcard
 * paths only match a single level, and logs usually nest an entity once
 * (`{ complaint: { contact } }`) or twice (`{ event: { complaint: … } }`).
 */
const SENSITIVE_KEYS = [
  "contact",
  "phone",
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "secret",
  "password",
  "authorization",
  "cookie",
];

export const REDACT_PATHS: readonly string[] = SENSITIVE_KEYS.flatMap((key) => [
  key,
  `*.${key}`,
  `*.*.${key}`,
]);

export interface CreateLoggerOptions {
  /** Where lines go. Default: stderr, synchronously, so stdout stays free for the console's JSON and nothing is lost on a crash. */
  destination?: DestinationStream;
  /** Fields on every line, e.g. { service: "worker" }. Default: pid and hostname as pino does. */
  base?: Record<string, unknown>;
  name?: string;
}

export function createLogger(level: Level | "silent", options: CreateLoggerOptions = {}): Logger {
  return pino(
    {
      level,
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.base === undefined ? {} : { base: options.base }),
      redact: { paths: [...REDACT_PATHS], censor: "[redacted]" },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}
