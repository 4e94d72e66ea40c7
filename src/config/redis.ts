import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";
import { Redis } from "ioredis";
import type { Logger } from "../logging.ts";
import { ConfigError, redactUrl } from "./errors.ts";

export interface EnsureRedisOptions {
  url: string;
  /** Only a default URL may be replaced by a private server: an explicit REDIS_URL means "use that one". */
  urlWasDefault: boolean;
  /** A private server keeps its AOF under `<dataDir>/redis`. */
  dataDir: string;
  logger: Pick<Logger, "info" | "warn">;
  /** The redis-server binary. Default: looked up on `searchPath`. */
  redisServer?: string;
  /** Directories to look for redis-server in. Default: process.env.PATH. */
  searchPath?: string;
  /** How long a private server may take to answer PING. Default 10 s. */
  startTimeoutMs?: number;
  /** Connect and command timeout of the probe. Default 2 s. */
  probeTimeoutMs?: number;
}

export interface RunningRedis {
  url: string;
  /** True when ensureRedis started the server; stop() then shuts it down. */
  private: boolean;
  stop(): Promise<void>;
}

/**
 * Finds a Redis to use. A running one at `url` wins; failing that, and only
 * when the URL is the default, a private redis-server is started so a
 * developer machine works with nothing but `apt-get install redis-server`.
 */
export async function ensureRedis(options: EnsureRedisOptions): Promise<RunningRedis> {
  const { url, logger } = options;
  const shown = redactUrl(url);
  const probe = await probeRedis(url, options.probeTimeoutMs ?? 2000);
  if (probe.ok) {
    logger.info({ url: shown }, "redis answers");
    return { url, private: false, stop: async () => {} };
  }
  if (probe.answered) {
    throw new ConfigError(
      `REDIS_URL="${shown}": a Redis answers there but refuses us (${probe.reason}): expected a usable Redis; check the password or user in REDIS_URL`,
    );
  }
  const advice =
    "install Redis (apt-get install redis-server), or run docker compose up -d redis, or set REDIS_URL to a running Redis";
  if (!options.urlWasDefault) {
    throw new ConfigError(
      `REDIS_URL="${shown}": nothing answers there (${probe.reason}): start that Redis or fix REDIS_URL; for a local one, ${advice}`,
    );
  }
  const binary =
    options.redisServer ??
    findExecutable("redis-server", options.searchPath ?? process.env.PATH ?? "");
  if (binary === undefined || !isExecutable(binary)) {
    throw new ConfigError(
      `nothing answers at ${shown} (${probe.reason}) and ${binary ?? "redis-server"} is not installed: ${advice}`,
    );
  }
  logger.warn(
    { url: shown, binary },
    "nothing answers at the default Redis URL; starting a private redis-server",
  );
  return startPrivateRedis(binary, options);
}

// ---------------------------------------------------------------- probe

type Probe = { ok: true } | { ok: false; answered: boolean; reason: string };

export async function probeRedis(url: string, timeoutMs: number): Promise<Probe> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // Without a listener ioredis prints "Unhandled error event". The event also carries the
  // socket's reason (ECONNREFUSED), where connect() itself only says "Connection is closed".
  let socketError: Error | undefined;
  client.on("error", (error: Error) => {
    socketError ??= error;
  });
  try {
    await withTimeout(
      (async () => {
        await client.connect();
        await client.ping();
      })(),
      timeoutMs * 2,
    );
    return { ok: true };
  } catch (error) {
    const err = socketError ?? (error instanceof Error ? error : new Error(String(error)));
    const code = "code" in err && typeof err.code === "string" ? err.code : undefined;
    return { ok: false, answered: err.name === "ReplyError", reason: code ?? err.message };
  } finally {
    client.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- private server

export function findExecutable(name: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * redis-server runs under a small sh watchdog that holds the read end of a
 * pipe from us. If this process dies in any way (even SIGKILL, when no 'exit'
 * handler runs) the pipe closes and the watchdog stops Redis, so no orphan
 * outlives us. The sh waits for Redis, so its exit means Redis is gone.
 */
const WATCHDOG = `
exec 3<&0 0</dev/null
"$0" "$@" 3<&- &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM HUP INT
{ read -r _ <&3; kill -TERM "$pid" 2>/dev/null; } &
watcher=$!
exec 3<&-
status=0
while kill -0 "$pid" 2>/dev/null; do wait "$pid"; status=$?; done
kill "$watcher" 2>/dev/null
exit "$status"
`;

const PORT_ATTEMPTS = 3;

async function startPrivateRedis(
  binary: string,
  options: EnsureRedisOptions,
): Promise<RunningRedis> {
  const dir = join(options.dataDir, "redis");
  mkdirSync(dir, { recursive: true });
  const timeoutMs = options.startTimeoutMs ?? 10_000;
  let lastOutput = "";
  // Another process may take the free port between our check and Redis's bind: try again on a new one.
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
    const port = await freePort();
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir];
    args.push("--appendonly", "yes", "--save", "", "--daemonize", "no");
    const server = launch(binary, args);
    const url = `redis://127.0.0.1:${port}`;
    const ready = await waitUntilReady(url, server, timeoutMs);
    if (ready === "ready") {
      options.logger.info({ url, pid: server.child.pid, dir }, "private redis-server ready");
      return { url, private: true, stop: () => server.stop() };
    }
    await server.stop();
    lastOutput = server.output();
    if (ready === "exited" && /address already in use/i.test(lastOutput)) continue;
    const why = ready === "timeout" ? `did not answer PING within ${timeoutMs} ms` : "exited";
    throw new ConfigError(
      `private redis-server (${binary}) ${why}; its last output: ${lastLine(lastOutput)}: install a working Redis (apt-get install redis-server), or run docker compose up -d redis, or set REDIS_URL`,
    );
  }
  throw new ConfigError(
    `private redis-server could not bind a free port in ${PORT_ATTEMPTS} attempts (${lastLine(lastOutput)}): set REDIS_URL to a running Redis`,
  );
}

interface Launched {
  child: ChildProcess;
  exited: Promise<void>;
  hasExited(): boolean;
  output(): string;
  stop(): Promise<void>;
}

function launch(binary: string, args: readonly string[]): Launched {
  const child = spawn("/bin/sh", ["-c", WATCHDOG, binary, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    // Own process group, so stop() and the exit handler reach sh, watcher and Redis in one signal.
    detached: true,
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.stdin?.on("error", () => {}); // EPIPE once the watchdog is gone
  let done = false;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => {
      done = true;
      resolve();
    });
    child.once("error", (error) => {
      keep(Buffer.from(String(error)));
      done = true;
      resolve();
    });
  });

  const signalGroup = (signal: NodeJS.Signals) => {
    if (done || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // Normal exit, process.exit() and uncaught exceptions: Redis gets SIGTERM and flushes its AOF.
  const onExit = () => signalGroup("SIGTERM");
  process.on("exit", onExit);

  // The server must not keep an otherwise finished program alive; the exit handler ends it.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as { unref?: () => void } | null)?.unref?.();
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      child.stdin?.end();
      signalGroup("SIGTERM");
      if (!(await settles(exited, 10_000))) {
        signalGroup("SIGKILL");
        await settles(exited, 2000);
      }
      process.off("exit", onExit);
    })();
    return stopping;
  };
  return { child, exited, hasExited: () => done, output: () => output, stop };
}

async function waitUntilReady(url: string, server: Launched, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.hasExited()) return "exited" as const;
    const probe = await probeRedis(url, 500);
    if (probe.ok) return "ready" as const;
    await Promise.race([sleep(100), server.exited]);
  }
  return server.hasExited() ? ("exited" as const) : ("timeout" as const);
}

/** True when the promise settled within `ms`. */
async function settles(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([promise.then(() => true), timedOut]);
  clearTimeout(timer);
  return result;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

function lastLine(output: string): string {
  const lines = output.trim().split("\n");
  return (lines[lines.length - 1] ?? "").trim() || "(no output)";
}
