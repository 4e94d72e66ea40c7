import { resolve } from "node:path";
import { z } from "zod";
import { durationSchema } from "../core/policy/duration.ts";
import { isValidTimeZone } from "../core/policy/schema.ts";
import { isRole, roles, type Role } from "../core/staff/role.ts";
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
export const DEFAULT_DISCORD_API_URL = "https://discord.com/api";
const SNOWFLAKE = /^[1-9][0-9]{5,20}$/;
const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

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
    name: "QUEUE_PREFIX",
    default: "{complaint-desk}",
    description:
      "Prefix of every BullMQ key; keep the {hash tag} for Redis Cluster. Deployments sharing one Redis need different prefixes.",
    secret: false,
  },
  {
    name: "NOTIFY_WEBHOOK_URL",
    default: "",
    description:
      "POST every notification as JSON to this URL (with an Idempotency-Key header), besides Slack and Discord.",
    secret: false,
  },
  {
    name: "WORKER_CONCURRENCY",
    default: "8",
    description: "Jobs each worker process runs at once, per queue.",
    secret: false,
  },
  {
    name: "DELIVERY_CLAIM_TIMEOUT",
    default: "PT60S",
    description:
      "How long a notification being sent stays claimed before another worker may take it over (its sender died).",
    secret: false,
  },
  {
    name: "ADMIN_TOKEN",
    default: "",
    description:
      "Bearer token for the queue dashboard at /admin/queues; unset: the dashboard is off.",
    secret: true,
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
    name: "SLACK_API_URL",
    default: "https://slack.com/api/",
    description: "Slack Web API base URL; change it only for a proxy or a test double.",
    secret: false,
  },
  {
    name: "SLACK_PORT",
    default: "3000",
    description:
      "Port of the Slack HTTP endpoint (/slack/events, and /slack/install with OAuth); unused in Socket Mode without OAuth.",
    secret: false,
  },
  {
    name: "SLACK_CHANNELS",
    default: "",
    description:
      "Team channel references to Slack channel ids, e.g. billing=C0123ABCD,management=C0456EFGH. Unmapped teams get no channel posts.",
    secret: false,
  },
  {
    name: "SLACK_CLIENT_ID",
    default: "",
    description:
      "OAuth client id: set it (with SLACK_CLIENT_SECRET and SLACK_STATE_SECRET) instead of SLACK_BOT_TOKEN to let several workspaces install the app.",
    secret: false,
  },
  {
    name: "SLACK_CLIENT_SECRET",
    default: "",
    description: "OAuth client secret (multi-workspace installs).",
    secret: true,
  },
  {
    name: "SLACK_STATE_SECRET",
    default: "",
    description: "Secret that signs the OAuth state parameter (multi-workspace installs).",
    secret: true,
  },
  {
    name: "SLACK_TEAM_ID",
    default: "",
    description:
      "With OAuth: the workspace (T…) that receives DMs and channel alerts; may stay unset while exactly one workspace is installed.",
    secret: false,
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
  {
    name: "DISCORD_API_URL",
    default: DEFAULT_DISCORD_API_URL,
    description:
      "Discord REST base URL (without /v10); change it only for a proxy or a test double.",
    secret: false,
  },
  {
    name: "DISCORD_GUILD_ID",
    default: "",
    description:
      "Server (guild) id: npm run discord:register registers the commands there (instantly) instead of globally.",
    secret: false,
  },
  {
    name: "DISCORD_CHANNELS",
    default: "",
    description:
      "Team channel references to Discord channel ids, e.g. billing=1234567890,management=2345678901. Unmapped teams get no channel posts.",
    secret: false,
  },
  {
    name: "DISCORD_ROLES",
    default: "",
    description:
      "Discord role ids to staff roles, e.g. 1234567890=handler@billing,2345678901=dept-manager@billing: an unlinked member with such a role is added to the staff directory on first use (never as admin).",
    secret: false,
  },
  {
    name: "DISCORD_HTTP_PORT",
    default: "",
    description:
      "Port of the HTTP interactions endpoint (POST /discord/interactions, Ed25519-verified with DISCORD_PUBLIC_KEY); unset: off.",
    secret: false,
  },
  {
    name: "DISCORD_GATEWAY",
    default: "on",
    description:
      "on: connect to the Discord gateway; off: HTTP interactions only (serverless-style).",
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
  queuePrefix: string;
  adminToken: string | undefined;
  webhookUrl: string | undefined;
  workerConcurrency: number;
  deliveryClaimTimeoutMs: number;
  slack: SlackConfig;
  discord: DiscordConfig;
}

export interface DiscordConfig {
  token: string | undefined;
  appId: string | undefined;
  /** 64 hex digits. */
  publicKey: string | undefined;
  /** Without /v10 (discord.js adds it). */
  apiUrl: string;
  guildId: string | undefined;
  /** Team channel reference (a department's channel, the management channel) → channel id. */
  channels: Record<string, string>;
  /** Discord role id → the staff role (never admin) and department given to members holding it. */
  roles: Record<string, { role: Exclude<Role, "admin">; department: string | null }>;
  /** undefined: no HTTP interactions endpoint. */
  httpPort: number | undefined;
  gateway: boolean;
}

export interface SlackConfig {
  botToken: string | undefined;
  signingSecret: string | undefined;
  appToken: string | undefined;
  /** Ends with "/": method URLs are `${apiUrl}${method}`. */
  apiUrl: string;
  port: number;
  /** Team channel reference (a department's channel, the management channel) → Slack channel id. */
  channels: Record<string, string>;
  clientId: string | undefined;
  clientSecret: string | undefined;
  stateSecret: string | undefined;
  teamId: string | undefined;
}

export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";

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
  QUEUE_PREFIX: optional(
    z.string().regex(/^[^:\s]{1,64}$/, {
      error: "expected up to 64 characters without spaces or ':', e.g. {complaint-desk}",
    }),
  ),
  ADMIN_TOKEN: optional(z.string().min(16, { error: "expected at least 16 characters" })),
  NOTIFY_WEBHOOK_URL: optional(
    urlWithScheme(["http:", "https:"], "https://hooks.example.com/complaints"),
  ),
  WORKER_CONCURRENCY: optional(
    z
      .string()
      .regex(/^\d{1,3}$/, { error: "expected a whole number from 1 to 256" })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, { error: "expected a whole number from 1 to 256" })
          .max(256, { error: "expected a whole number from 1 to 256" }),
      ),
  ),
  DELIVERY_CLAIM_TIMEOUT: optional(durationSchema({ positive: true })),
  HTTP_PORT: optional(
    z
      .string()
      .regex(/^\d{1,5}$/, { error: "expected a port number 1-65535, or 0 to disable" })
      .transform(Number)
      .pipe(z.number().max(65535, { error: "expected a port number 1-65535, or 0 to disable" })),
  ),
  SLACK_BOT_TOKEN: optional(
    z.string().startsWith("xoxb-", { error: "expected a bot token starting with xoxb-" }),
  ),
  SLACK_SIGNING_SECRET: optional(z.string()),
  SLACK_APP_TOKEN: optional(
    z.string().startsWith("xapp-", { error: "expected an app-level token starting with xapp-" }),
  ),
  SLACK_API_URL: optional(
    urlWithScheme(["http:", "https:"], DEFAULT_SLACK_API_URL).transform((u) =>
      u.endsWith("/") ? u : `${u}/`,
    ),
  ),
  SLACK_PORT: optional(
    z
      .string()
      .regex(/^\d{1,5}$/, { error: "expected a port number 1-65535" })
      .transform(Number)
      .pipe(z.number().min(1).max(65535, { error: "expected a port number 1-65535" })),
  ),
  SLACK_CHANNELS: optional(
    z.string().transform((text, ctx) => {
      const map: Record<string, string> = {};
      for (const entry of text
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "")) {
        const [ref, id, ...rest] = entry.split("=").map((s) => s.trim());
        if (
          !ref ||
          !id ||
          rest.length > 0 ||
          !STAFF_ID.test(ref.toLowerCase()) ||
          !SLACK_CHANNEL_ID.test(id)
        ) {
          ctx.addIssue({
            code: "custom",
            message: `expected team=channel-id pairs such as billing=C0123ABCD (channel ids start with C or G); not valid: ${JSON.stringify(entry)}`,
          });
          continue;
        }
        map[ref.toLowerCase()] = id;
      }
      return map;
    }),
  ),
  SLACK_CLIENT_ID: optional(z.string()),
  SLACK_CLIENT_SECRET: optional(z.string()),
  SLACK_STATE_SECRET: optional(z.string()),
  SLACK_TEAM_ID: optional(
    z.string().regex(/^[TE][A-Z0-9]{2,}$/, { error: "expected a workspace id such as T0123ABCD" }),
  ),
  DISCORD_TOKEN: optional(z.string()),
  DISCORD_APP_ID: optional(
    z.string().regex(SNOWFLAKE, { error: "expected an application id (digits only)" }),
  ),
  DISCORD_PUBLIC_KEY: optional(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, { error: "expected the application's public key: 64 hex digits" })
      .transform((s) => s.toLowerCase()),
  ),
  DISCORD_API_URL: optional(
    urlWithScheme(["http:", "https:"], DEFAULT_DISCORD_API_URL).transform((u) =>
      u.replace(/\/+$/, ""),
    ),
  ),
  DISCORD_GUILD_ID: optional(
    z.string().regex(SNOWFLAKE, { error: "expected a server (guild) id (digits only)" }),
  ),
  DISCORD_CHANNELS: optional(
    pairs("team=channel-id pairs such as billing=1234567890 (channel ids are digits)", (ref, id) =>
      STAFF_ID.test(ref.toLowerCase()) && SNOWFLAKE.test(id)
        ? ([ref.toLowerCase(), id] as const)
        : null,
    ),
  ),
  DISCORD_ROLES: optional(
    pairs(
      `role-id=staff-role[@department] pairs such as 1234567890=handler@billing; staff roles: ${roles.filter((r) => r !== "admin").join(", ")} (admins are added with complaint staff add, never by a Discord role)`,
      (id, value) => {
        const [role = "", department, ...rest] = value.split("@");
        if (!SNOWFLAKE.test(id) || rest.length > 0 || !isRole(role) || role === "admin")
          return null;
        if (department !== undefined && !STAFF_ID.test(department)) return null;
        return [id, { role, department: department ?? null }] as const;
      },
    ),
  ),
  DISCORD_HTTP_PORT: optional(
    z
      .string()
      .regex(/^\d{1,5}$/, { error: "expected a port number 1-65535" })
      .transform(Number)
      .pipe(z.number().min(1).max(65535, { error: "expected a port number 1-65535" })),
  ),
  DISCORD_GATEWAY: optional(
    z
      .string()
      .transform((s) => s.trim().toLowerCase())
      .pipe(z.enum(["on", "off"], { error: "expected on or off" })),
  ),
});

/** `a=b,c=d` into a record; `entry` returns null for a pair it does not accept. */
function pairs<V>(
  expected: string,
  entry: (key: string, value: string) => readonly [string, V] | null,
) {
  return z.string().transform((text, ctx) => {
    const map: Record<string, V> = {};
    for (const item of text
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "")) {
      const [key, value, ...rest] = item.split("=").map((s) => s.trim());
      const parsed = key && value && rest.length === 0 ? entry(key, value) : null;
      if (!parsed) {
        ctx.addIssue({
          code: "custom",
          message: `expected ${expected}; not valid: ${JSON.stringify(item)}`,
        });
        continue;
      }
      map[parsed[0]] = parsed[1];
    }
    return map;
  });
}

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
  const slackProblems = checkSlack(e);
  if (slackProblems.length > 0) {
    throw new ConfigError(slackProblems, {
      heading: `${slackProblems.length} Slack settings do not fit together:`,
    });
  }
  const discordProblems = checkDiscord(e);
  if (discordProblems.length > 0) {
    throw new ConfigError(discordProblems, {
      heading: `${discordProblems.length} Discord settings do not fit together:`,
    });
  }
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
    queuePrefix: e.QUEUE_PREFIX ?? "{complaint-desk}",
    adminToken: e.ADMIN_TOKEN,
    webhookUrl: e.NOTIFY_WEBHOOK_URL,
    workerConcurrency: e.WORKER_CONCURRENCY ?? 8,
    deliveryClaimTimeoutMs: e.DELIVERY_CLAIM_TIMEOUT?.ms ?? 60_000,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL ?? DEFAULT_SLACK_API_URL,
      port: e.SLACK_PORT ?? 3000,
      channels: e.SLACK_CHANNELS ?? {},
      clientId: e.SLACK_CLIENT_ID,
      clientSecret: e.SLACK_CLIENT_SECRET,
      stateSecret: e.SLACK_STATE_SECRET,
      teamId: e.SLACK_TEAM_ID,
    },
    discord: {
      token: e.DISCORD_TOKEN,
      appId: e.DISCORD_APP_ID,
      publicKey: e.DISCORD_PUBLIC_KEY,
      apiUrl: e.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL,
      guildId: e.DISCORD_GUILD_ID,
      channels: e.DISCORD_CHANNELS ?? {},
      roles: e.DISCORD_ROLES ?? {},
      httpPort: e.DISCORD_HTTP_PORT,
      gateway: (e.DISCORD_GATEWAY ?? "on") === "on",
    },
  };
}

/**
 * The Slack variables only make sense in certain combinations: one token or
 * OAuth, and a signing secret whenever Slack calls us over HTTP.
 */
function checkSlack(e: z.infer<typeof envSchema>): string[] {
  const problems: string[] = [];
  const oauth = e.SLACK_CLIENT_ID !== undefined;
  if (e.SLACK_BOT_TOKEN && oauth) {
    problems.push(
      "SLACK_CLIENT_ID: set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID with SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (installable in several workspaces), not both",
    );
  }
  if (oauth) {
    for (const name of ["SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const) {
      if (!e[name]) problems.push(`${name}=(unset): needed with SLACK_CLIENT_ID (OAuth installs)`);
    }
  }
  const enabled = e.SLACK_BOT_TOKEN !== undefined || oauth;
  // OAuth's redirect and Slack's HTTP events are both verified with the signing secret.
  if (enabled && !e.SLACK_SIGNING_SECRET && (!e.SLACK_APP_TOKEN || oauth)) {
    problems.push(
      "SLACK_SIGNING_SECRET=(unset): needed for Slack's HTTP requests; set it, or set SLACK_APP_TOKEN to use Socket Mode",
    );
  }
  return problems;
}

/** The bot needs its application id; the HTTP endpoint cannot verify requests without the key. */
function checkDiscord(e: z.infer<typeof envSchema>): string[] {
  const problems: string[] = [];
  if (e.DISCORD_TOKEN && !e.DISCORD_APP_ID) {
    problems.push(
      "DISCORD_APP_ID=(unset): needed with DISCORD_TOKEN (Developer Portal, General Information)",
    );
  }
  if (e.DISCORD_HTTP_PORT !== undefined && !e.DISCORD_PUBLIC_KEY) {
    problems.push(
      "DISCORD_PUBLIC_KEY=(unset): needed with DISCORD_HTTP_PORT to verify Discord's signatures",
    );
  }
  if (e.DISCORD_TOKEN && e.DISCORD_GATEWAY === "off" && e.DISCORD_HTTP_PORT === undefined) {
    problems.push(
      "DISCORD_GATEWAY=off: with the gateway off, set DISCORD_HTTP_PORT, or no interaction can reach the bot",
    );
  }
  return problems;
}

function shownEnvValue(name: string, value: string | undefined): string {
  if (value === undefined) return "(unset)";
  if (settings.find((s) => s.name === name)?.secret) return JSON.stringify(REDACTED);
  return showValue(redactUrl(value));
}
