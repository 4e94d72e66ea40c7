import { resolve } from "node:path";
import { z } from "zod";
import { isValidTimeZone } from "../core/policy/schema.ts";
import { ConfigError, describeIssue, REDACTED, redactUrl, showValue } from "./errors.ts";
import { DEFAULT_POLICY_FILE } from "./policy-file.ts";

/**
 * The process environment, read once at the entry point into a typed object;
 * nothing below src/main.ts looks at process.env.
 */

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
export const STAFF_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export interface Setting {
  name: string;
  /** Human-readable default for the README; "" when unset means "off". */
  default: string;
  description: string;
  /** Value never printed, not even in error messages. */
  secret: boolean;
}

export const settings: readonly Setting[] = [
  {
    name: "DATABASE_URL",
    default: "",
    description:
      "PostgreSQL URL (postgres://…). Unset: an embedded PGlite database under DATA_DIR.",
    secret: false,
  },
  {
    name: "DATA_DIR",
    default: "./data",
    description: "Where local data lives: PGlite files, a private Redis's AOF.",
    secret: false,
  },
  {
    name: "REDIS_URL",
    default: DEFAULT_REDIS_URL,
    description:
      "Redis for queues and timers. Left at the default and nothing answers: a private redis-server is started if installed.",
    secret: false,
  },
  {
    name: "POLICY_FILE",
    default: "policy.default.yaml (shipped)",
    description:
      "The complaint-handling policy (YAML). A relative path is relative to the working directory.",
    secret: false,
  },
  {
    name: "ADMINS",
    default: "",
    description: "Comma-separated staff ids made admins at first start, e.g. alice,bob.",
    secret: false,
  },
  {
    name: "LOG_LEVEL",
    default: "info",
    description: `Log level: ${LOG_LEVELS.join(", ")}. Logs go to stderr.`,
    secret: false,
  },
  {
    name: "TZ",
    default: "Asia/Shanghai",
    description: "IANA time zone of the process.",
    secret: false,
  },
  {
    name: "HTTP_PORT",
    default: "8080",
    description: "Port for health and metrics; 0 disables the HTTP server.",
    secret: false,
  },
  {
    name: "SLACK_BOT_TOKEN",
    default: "",
    description: "Slack bot token (xoxb-…); enables the Slack adapter.",
    secret: true,
  },
  {
    name: "SLACK_SIGNING_SECRET",
    default: "",
    description: "Slack signing secret for HTTP events.",
    secret: true,
  },
  {
    name: "SLACK_APP_TOKEN",
    default: "",
    description: "Slack app-level token (xapp-…) for Socket Mode.",
    secret: true,
  },
  {
    name: "DISCORD_TOKEN",
    default: "",
    description: "Discord bot token; enables the Discord adapter.",
    secret: true,
  },
  { name: "DISCORD_APP_ID", default: "", description: "Discord application id.", secret: false },
  {
    name: "DISCORD_PUBLIC_KEY",
    default: "",
    description: "Discord application public key (verifies interactions).",
    secret: false,
  },
];

export interface AppConfig {
  /** undefined: use embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  /** Absolute. */
  dataDir: string;
  redisUrl: string;
  /** True when REDIS_URL was not set: only then may a private redis-server be started. */
  redisUrlWasDefault: boolean;
  /** Absolute. */
  policyFile: string;
  policyFileWasDefault: boolean;
  /** Lower-cased, de-duplicated staff ids. */
  admins: string[];
  logLevel: LogLevel;
  timezone: string;
  /** 0: no HTTP server. */
  httpPort: number;
  slack: {
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
  };
  discord: { token: string | undefined; appId: string | undefined; publicKey: string | undefined };
}

// ---------------------------------------------------------------- schema

const urlWithScheme = (schemes: readonly string[], example: string) =>
  z.string().refine(
    (text) => {
      try {
        return schemes.includes(new URL(text).protocol);
      } catch {
        return false;
      }
    },
    { error: `expected a URL such as ${example}` },
  );

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    schema.optional(),
  );

const envSchema = z.object({
  DATABASE_URL: optional(
    urlWithScheme(["postgres:", "postgresql:"], "postgres://user:password@host:5432/db"),
  ),
  DATA_DIR: optional(z.string()),
  REDIS_URL: optional(urlWithScheme(["redis:", "rediss:"], DEFAULT_REDIS_URL)),
  POLICY_FILE: optional(z.string()),
  ADMINS: optional(
    z.string().transform((text, ctx) => {
      const ids = text
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s !== "");
      const bad = ids.filter((id) => !STAFF_ID.test(id));
      if (bad.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `expected comma-separated staff ids (a-z, 0-9, ".", "_", "-", at most 64 characters, starting with a letter or digit); not valid: ${bad.map((b) => JSON.stringify(b)).join(", ")}`,
        });
      }
      return [...new Set(ids)];
    }),
  ),
  LOG_LEVEL: optional(
    z
      .string()
      .transform((s) => s.trim().toLowerCase())
      .pipe(z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(", ")}` })),
  ),
  TZ: optional(
    z.string().refine(isValidTimeZone, {
      error: "expected an IANA time zone such as Asia/Shanghai or UTC",
    }),
  ),
  HTTP_PORT: optional(
    z
      .string()
      .regex(/^\d{1,5}$/, { error: "expected a port number 1-65535, or 0 to disable" })
      .transform(Number)
      .pipe(z.number().max(65535, { error: "expected a port number 1-65535, or 0 to disable" })),
  ),
  SLACK_BOT_TOKEN: optional(z.string()),
  SLACK_SIGNING_SECRET: optional(z.string()),
  SLACK_APP_TOKEN: optional(z.string()),
  DISCORD_TOKEN: optional(z.string()),
  DISCORD_APP_ID: optional(z.string()),
  DISCORD_PUBLIC_KEY: optional(z.string()),
});

export interface LoadConfigOptions {
  /** Base for relative DATA_DIR / POLICY_FILE. Default: process.cwd(). */
  cwd?: string;
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadConfigOptions = {},
): AppConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      return `${name}=${shownEnvValue(name, env[name])}: ${describeIssue(issue)}`;
    });
    throw new ConfigError(problems, {
      heading: `${problems.length} environment variables are invalid:`,
    });
  }
  const e = result.data;
  const cwd = options.cwd ?? process.cwd();
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(cwd, e.DATA_DIR ?? "./data"),
    redisUrl: e.REDIS_URL ?? DEFAULT_REDIS_URL,
    redisUrlWasDefault: e.REDIS_URL === undefined,
    policyFile: e.POLICY_FILE === undefined ? DEFAULT_POLICY_FILE : resolve(cwd, e.POLICY_FILE),
    policyFileWasDefault: e.POLICY_FILE === undefined,
    admins: e.ADMINS ?? [],
    logLevel: e.LOG_LEVEL ?? "info",
    timezone: e.TZ ?? "Asia/Shanghai",
    httpPort: e.HTTP_PORT ?? 8080,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
    },
    discord: { token: e.DISCORD_TOKEN, appId: e.DISCORD_APP_ID, publicKey: e.DISCORD_PUBLIC_KEY },
  };
}

function shownEnvValue(name: string, value: string | undefined): string {
  if (value === undefined) return "(unset)";
  if (settings.find((s) => s.name === name)?.secret) return JSON.stringify(REDACTED);
  return showValue(redactUrl(value));
}
