import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.ts";
import { ensureRedis, findExecutable, type RunningRedis } from "../../src/config/redis.ts";
import { createLogger } from "../../src/logging.ts";

const logger = createLogger("silent");
const hasRedisServer = findExecutable("redis-server", process.env.PATH ?? "") !== undefined;

/** A port nothing listens on (taken and released at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function rejection(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected ensureRedis to fail");
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "desk-redis-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function track(redis: RunningRedis): RunningRedis {
  cleanups.push(() => redis.stop());
  return redis;
}

describe("ensureRedis", () => {
  it("(a) uses the Redis that answers at the URL", async () => {
    const redis = track(
      await ensureRedis({
        url: "redis://127.0.0.1:6379",
        urlWasDefault: true,
        dataDir: tempDataDir(),
        logger,
      }),
    );
    expect(redis.url).toBe("redis://127.0.0.1:6379");
    expect(redis.private).toBe(false);
    await redis.stop(); // a no-op: the shared server stays up
    const client = new Redis(redis.url, { lazyConnect: true });
    await client.connect();
    expect(await client.ping()).toBe("PONG");
    client.disconnect();
  });

  it.skipIf(!hasRedisServer)(
    "(b) starts a private redis-server with its AOF under DATA_DIR when the default URL is silent",
    async () => {
      const dataDir = tempDataDir();
      const url = `redis://127.0.0.1:${await freePort()}`;
      const redis = track(await ensureRedis({ url, urlWasDefault: true, dataDir, logger }));
      expect(redis.private).toBe(true);
      expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);

      const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
      await client.connect();
      expect(await client.ping()).toBe("PONG");
      const info = await client.info("server");
      const persistence = await client.config("GET", "dir");
      client.disconnect();
      expect(persistence).toEqual(["dir", join(dataDir, "redis")]);
      const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
      expect(alive(pid)).toBe(true);

      await redis.stop();
      expect(alive(pid)).toBe(false);
      expect(existsSync(join(dataDir, "redis", "appendonlydir"))).toBe(true);
      await redis.stop(); // idempotent
    },
    20_000,
  );

  it("(c) fails fast with advice when an explicit REDIS_URL does not answer", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const error = await rejection(
      ensureRedis({ url, urlWasDefault: false, dataDir: tempDataDir(), logger }),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error.code).toBe("E_CONFIG");
    expect(error.message).toContain(`REDIS_URL="${url}": nothing answers there (ECONNREFUSED)`);
    expect(error.message).toContain("set REDIS_URL");
  });

  it("(d) explains how to install Redis when redis-server is not on the PATH", async () => {
    const dataDir = tempDataDir();
    const url = `redis://127.0.0.1:${await freePort()}`;
    const error = await rejection(
      ensureRedis({ url, urlWasDefault: true, dataDir, logger, searchPath: "/nonexistent" }),
    );
    expect(error.message).toContain(`nothing answers at ${url}`);
    expect(error.message).toContain("redis-server is not installed");
    expect(error.message).toContain("apt-get install redis-server");
    expect(error.message).toContain("docker compose up -d redis");
    expect(error.message).toContain("REDIS_URL");
    expect(existsSync(join(dataDir, "redis"))).toBe(false);
  });

  it("reports a redis-server that will not start, without leaving a process behind", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const error = await rejection(
      ensureRedis({
        url,
        urlWasDefault: true,
        dataDir: tempDataDir(),
        logger,
        redisServer: "/bin/false",
      }),
    );
    expect(error.message).toMatch(/private redis-server \(\/bin\/false\) exited/);
  });

  it("redacts the password of a URL in messages", async () => {
    const url = `redis://:hunter2@127.0.0.1:${await freePort()}`;
    const error = await rejection(
      ensureRedis({ url, urlWasDefault: false, dataDir: tempDataDir(), logger }),
    );
    expect(error.message).not.toContain("hunter2");
    expect(error.message).toContain("redis://:***@127.0.0.1");
  });

  it.skipIf(!hasRedisServer)(
    "leaves no redis-server behind when our process is killed outright (no exit handler runs)",
    async () => {
      const dataDir = tempDataDir();
      const script = join(dataDir, "owner.mts");
      const redisModule = resolve(import.meta.dirname, "../../src/config/redis.ts");
      const loggingModule = resolve(import.meta.dirname, "../../src/logging.ts");
      writeFileSync(
        script,
        `import { ensureRedis } from ${JSON.stringify(redisModule)};
import { createLogger } from ${JSON.stringify(loggingModule)};
const redis = await ensureRedis({ url: process.argv[2], urlWasDefault: true, dataDir: ${JSON.stringify(dataDir)}, logger: createLogger("silent") });
console.log(redis.url);
setInterval(() => {}, 1000);
`,
      );
      const owner = spawn(
        process.execPath,
        ["--import", "tsx", script, `redis://127.0.0.1:${await freePort()}`],
        {
          cwd: resolve(import.meta.dirname, "../.."),
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      cleanups.push(() => {
        owner.kill("SIGKILL");
      });
      const url = await new Promise<string>((resolveUrl, reject) => {
        owner.stdout.once("data", (chunk: Buffer) => resolveUrl(chunk.toString().trim()));
        owner.once("exit", (code) => reject(new Error(`owner exited early (${code})`)));
      });
      const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
      await client.connect();
      const pid = Number(/process_id:(\d+)/.exec(await client.info("server"))?.[1]);
      client.disconnect();
      expect(alive(pid)).toBe(true);

      owner.kill("SIGKILL");
      const deadline = Date.now() + 5000;
      while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(alive(pid)).toBe(false);
    },
    20_000,
  );
});
