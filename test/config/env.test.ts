import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig, LOG_LEVELS, settings, type AppConfig } from "../../src/config/env.ts";
import { ConfigError, isConfigError, redactUrl } from "../../src/config/errors.ts";
import { DEFAULT_POLICY_FILE } from "../../src/config/policy-file.ts";

const cwd = "/srv/desk";

function failure(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env, { cwd });
  } catch (error) {
    if (isConfigError(error)) return error;
    throw error;
  }
  throw new Error("expected the environment to be rejected");
}

describe("loadConfig", () => {
  it("has a default for everything", () => {
    expect(loadConfig({}, { cwd })).toEqual<AppConfig>({
      databaseUrl: undefined,
      dataDir: "/srv/desk/data",
      redisUrl: "redis://127.0.0.1:6379",
      redisUrlWasDefault: true,
      policyFile: DEFAULT_POLICY_FILE,
      policyFileWasDefault: true,
      admins: [],
      logLevel: "info",
      timezone: "Asia/Shanghai",
      queuePrefix: "{complaint-desk}",
      adminToken: undefined,
      webhookUrl: undefined,
      workerConcurrency: 8,
      deliveryClaimTimeoutMs: 60_000,
      httpPort: 8080,
      slack: {
        botToken: undefined,
        signingSecret: undefined,
        appToken: undefined,
        apiUrl: "https://slack.com/api/",
        port: 3000,
        channels: {},
        clientId: undefined,
        clientSecret: undefined,
        stateSecret: undefined,
        teamId: undefined,
      },
      discord: {
        token: undefined,
        appId: undefined,
        publicKey: undefined,
        apiUrl: "https://discord.com/api",
        guildId: undefined,
        channels: {},
        roles: {},
        httpPort: undefined,
        gateway: true,
      },
    });
    expect(existsSync(DEFAULT_POLICY_FILE)).toBe(true);
  });

  it("reads every setting", () => {
    const config = loadConfig(
      {
        DATABASE_URL: "postgres://desk:pw@db:5432/desk",
        DATA_DIR: "var/data",
        REDIS_URL: "redis://cache:6380/2",
        POLICY_FILE: "conf/policy.yaml",
        ADMINS: " Alice, bob.chen ,alice,,",
        LOG_LEVEL: "DEBUG",
        TZ: "UTC",
        HTTP_PORT: "0",
        SLACK_BOT_TOKEN: "xoxb-1",
        SLACK_SIGNING_SECRET: "s3",
        SLACK_APP_TOKEN: "xapp-1",
        SLACK_API_URL: "http://127.0.0.1:9/api",
        SLACK_PORT: "3001",
        SLACK_CHANNELS: " billing=C0123ABCD, Management=G0456 ,",
        SLACK_TEAM_ID: "T0123",
        DISCORD_TOKEN: "d1",
        DISCORD_APP_ID: "1234567890",
        DISCORD_PUBLIC_KEY: "AB".repeat(32),
        DISCORD_API_URL: "http://127.0.0.1:9/api/",
        DISCORD_GUILD_ID: "2234567890",
        DISCORD_CHANNELS: " Billing=3234567890, management=4234567890",
        DISCORD_ROLES: "5234567890=handler@billing, 6234567890=vp",
        DISCORD_HTTP_PORT: "8081",
        DISCORD_GATEWAY: "OFF",
      },
      { cwd },
    );
    expect(config).toEqual<AppConfig>({
      databaseUrl: "postgres://desk:pw@db:5432/desk",
      dataDir: "/srv/desk/var/data",
      redisUrl: "redis://cache:6380/2",
      redisUrlWasDefault: false,
      policyFile: "/srv/desk/conf/policy.yaml",
      policyFileWasDefault: false,
      admins: ["alice", "bob.chen"],
      logLevel: "debug",
      timezone: "UTC",
      httpPort: 0,
      queuePrefix: "{complaint-desk}",
      adminToken: undefined,
      webhookUrl: undefined,
      workerConcurrency: 8,
      deliveryClaimTimeoutMs: 60_000,
      slack: {
        botToken: "xoxb-1",
        signingSecret: "s3",
        appToken: "xapp-1",
        apiUrl: "http://127.0.0.1:9/api/",
        port: 3001,
        channels: { billing: "C0123ABCD", management: "G0456" },
        clientId: undefined,
        clientSecret: undefined,
        stateSecret: undefined,
        teamId: "T0123",
      },
      discord: {
        token: "d1",
        appId: "1234567890",
        publicKey: "ab".repeat(32),
        apiUrl: "http://127.0.0.1:9/api",
        guildId: "2234567890",
        channels: { billing: "3234567890", management: "4234567890" },
        roles: {
          "5234567890": { role: "handler", department: "billing" },
          "6234567890": { role: "vp", department: null },
        },
        httpPort: 8081,
        gateway: false,
      },
    });
  });

  it("treats empty values as unset", () => {
    const config = loadConfig(
      { REDIS_URL: "", DATABASE_URL: " ", SLACK_BOT_TOKEN: "", HTTP_PORT: "" },
      { cwd },
    );
    expect(config.redisUrlWasDefault).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.slack.botToken).toBeUndefined();
    expect(config.httpPort).toBe(8080);
  });

  it("keeps absolute paths as they are", () => {
    const config = loadConfig(
      { DATA_DIR: "/var/lib/desk", POLICY_FILE: "/etc/desk.yaml" },
      { cwd },
    );
    expect(config.dataDir).toBe("/var/lib/desk");
    expect(config.policyFile).toBe("/etc/desk.yaml");
  });

  it.each([
    [
      "LOG_LEVEL",
      "loud",
      'LOG_LEVEL="loud": expected one of fatal, error, warn, info, debug, trace, silent',
    ],
    ["TZ", "China/Beijing", 'TZ="China/Beijing": expected an IANA time zone'],
    ["HTTP_PORT", "http", 'HTTP_PORT="http": expected a port number 1-65535, or 0 to disable'],
    ["HTTP_PORT", "70000", 'HTTP_PORT="70000": expected a port number 1-65535, or 0 to disable'],
    ["HTTP_PORT", "-1", 'HTTP_PORT="-1": expected a port number'],
    [
      "ADMINS",
      "alice,Bob Smith,@carol",
      'ADMINS="alice,Bob Smith,@carol": expected comma-separated staff ids',
    ],
    ["ADMINS", "x".repeat(65), "expected comma-separated staff ids"],
    [
      "REDIS_URL",
      "localhost:6379",
      'REDIS_URL="localhost:6379": expected a URL such as redis://127.0.0.1:6379',
    ],
    [
      "DATABASE_URL",
      "mysql://db/desk",
      'DATABASE_URL="mysql://db/desk": expected a URL such as postgres://',
    ],
  ])("%s=%j is refused", (name, value, expected) => {
    const error = failure({ [name]: value });
    expect(error.code).toBe("E_CONFIG");
    expect(error.message).toContain(expected);
  });

  it("names the invalid ids in ADMINS", () => {
    expect(failure({ ADMINS: "alice,Bob Smith,@carol" }).message).toContain(
      'not valid: "bob smith", "@carol"',
    );
  });

  it("lists every bad variable at once", () => {
    const error = failure({ LOG_LEVEL: "loud", TZ: "Nowhere", HTTP_PORT: "x" });
    expect(error.problems).toHaveLength(3);
    expect(error.message.split("\n")).toEqual([
      "3 environment variables are invalid:",
      expect.stringMatching(/^ {2}LOG_LEVEL="loud": expected/),
      expect.stringMatching(/^ {2}TZ="Nowhere": expected/),
      expect.stringMatching(/^ {2}HTTP_PORT="x": expected/),
    ]);
  });

  it("never prints a password in a URL", () => {
    const error = failure({
      DATABASE_URL: "mysql://desk:hunter2@db/desk",
      REDIS_URL: "http://:hunter2@cache:6379",
    });
    expect(error.message).not.toContain("hunter2");
    expect(error.message).toContain('DATABASE_URL="mysql://desk:***@db/desk"');
    expect(error.message).toContain('REDIS_URL="http://:***@cache:6379"');
  });
});

describe("settings table", () => {
  it("documents each variable once, with a description", () => {
    const names = settings.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      "DATABASE_URL",
      "DATA_DIR",
      "REDIS_URL",
      "POLICY_FILE",
      "ADMINS",
      "LOG_LEVEL",
      "TZ",
      "HTTP_PORT",
      "QUEUE_PREFIX",
      "NOTIFY_WEBHOOK_URL",
      "WORKER_CONCURRENCY",
      "DELIVERY_CLAIM_TIMEOUT",
      "ADMIN_TOKEN",
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET",
      "SLACK_APP_TOKEN",
      "SLACK_API_URL",
      "SLACK_PORT",
      "SLACK_CHANNELS",
      "SLACK_CLIENT_ID",
      "SLACK_CLIENT_SECRET",
      "SLACK_STATE_SECRET",
      "SLACK_TEAM_ID",
      "DISCORD_TOKEN",
      "DISCORD_APP_ID",
      "DISCORD_PUBLIC_KEY",
      "DISCORD_API_URL",
      "DISCORD_GUILD_ID",
      "DISCORD_CHANNELS",
      "DISCORD_ROLES",
      "DISCORD_HTTP_PORT",
      "DISCORD_GATEWAY",
    ]);
    for (const s of settings) expect(s.description.length).toBeGreaterThan(10);
    expect(settings.find((s) => s.name === "LOG_LEVEL")?.description).toContain(
      LOG_LEVELS.join(", "),
    );
  });

  it("marks tokens and secrets secret", () => {
    expect(settings.filter((s) => s.secret).map((s) => s.name)).toEqual([
      "ADMIN_TOKEN",
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET",
      "SLACK_APP_TOKEN",
      "SLACK_CLIENT_SECRET",
      "SLACK_STATE_SECRET",
      "DISCORD_TOKEN",
    ]);
  });
});

describe("redactUrl", () => {
  it.each([
    ["redis://:secret@h:6379/0", "redis://:***@h:6379/0"],
    ["postgres://u:p%40ss@db/x", "postgres://u:***@db/x"],
    ["redis://h:6379", "redis://h:6379"],
    ["not a url //u:pw@host", "not a url //u:***@host"],
    ["redis://:p@ss/w0rd@h:1", "redis://:***@h:1"],
    ["redis://h:1/0", "redis://h:1/0"],
  ])("%s → %s", (input, output) => {
    expect(redactUrl(input)).toBe(output);
  });
});

describe("ConfigError", () => {
  it("is one line for one problem and a headed list for several", () => {
    expect(new ConfigError("A: expected b").message).toBe("A: expected b");
    expect(new ConfigError(["A", "B"], { heading: "two:" }).message).toBe("two:\n  A\n  B");
    expect(new ConfigError(["A"], { heading: "ignored" }).message).toBe("A");
    expect(new ConfigError("x").code).toBe("E_CONFIG");
  });
});
