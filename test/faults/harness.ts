// Fault-injection harness for the deadline worker: a private redis-server, a
// fake notification receiver, the worker as a real child process, and rows
// inserted straight into an isolated test database.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";

export const root = path.resolve(import.meta.dirname, "../..");

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | false | undefined | Promise<T | false | undefined>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// ---------------------------------------------------------------- Redis

export interface PrivateRedis {
  url: string;
  /** A client for the test itself (inspection, FLUSHALL). */
  client: Redis;
  stop(): Promise<void>;
}

/**
 * A redis-server of our own on a free port, without persistence: FLUSHALL
 * and floods here touch nobody else's data (the machine's Redis on 6379 is shared).
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--daemonize",
        "no",
      ],
      { stdio: "ignore" },
    );
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const url = `redis://127.0.0.1:${port}`;
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 100,
    });
    client.on("error", () => {});
    try {
      await waitFor(
        "redis-server to answer PING",
        async () => {
          if (child.exitCode !== null)
            throw new Error(`redis-server exited with ${child.exitCode}`);
          try {
            if (client.status === "wait") await client.connect();
            return (await client.ping()) === "PONG";
          } catch {
            return false;
          }
        },
        5_000,
        50,
      );
    } catch (error) {
      client.disconnect();
      child.kill("SIGKILL");
      // Someone took the port between freePort() and redis-server binding it.
      if (attempt < 3) continue;
      throw error;
    }
    return {
      url,
      client,
      stop: async () => {
        client.disconnect();
        child.kill("SIGKILL");
        await exited;
      },
    };
  }
}

/** BullMQ's sorted set of delayed jobs of one queue. */
export const delayedKey = (prefix: string, queue: string) => `${prefix}:${queue}:delayed`;

// ---------------------------------------------------------------- receiver

export interface Answer {
  /** 0: never answer (a platform hanging mid-request); the socket stays open until stop(). */
  status: number;
  headers?: Record<string, string>;
}

/**
 * Stands in for the platform behind NOTIFY_WEBHOOK_URL: records every POST
 * (raw and by Idempotency-Key) and answers what `answer` says.
 */
export class FakeReceiver {
  /** Every POST, in arrival order: its Idempotency-Key and what we answered. */
  readonly posts: { key: string; status: number; at: number }[] = [];
  /** Keys answered 2xx, with how many times. */
  readonly delivered = new Map<string, number>();
  /** Decides each answer; `n` counts every POST from 0. Default: 200. */
  answer: (n: number, key: string) => Answer = () => ({ status: 200 });
  private server: Server | null = null;
  url = "";

  async start(): Promise<void> {
    this.server = createHttpServer((req, res) => void this.handle(req, res));
    // Keep-alive sockets of a killed worker must not hold close() up.
    this.server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/notify`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== "POST") {
      res.writeHead(405).end();
      return;
    }
    const key = String(req.headers["idempotency-key"] ?? "");
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { key?: unknown };
    if (body.key !== key) {
      res.writeHead(400).end("Idempotency-Key does not match the body's key");
      return;
    }
    const answer = this.answer(this.posts.length, key);
    this.posts.push({ key, status: answer.status, at: Date.now() });
    if (answer.status === 0) return;
    if (answer.status >= 200 && answer.status < 300) {
      this.delivered.set(key, (this.delivered.get(key) ?? 0) + 1);
    }
    res.writeHead(answer.status, answer.headers ?? {}).end();
  }

  /** Successful POSTs, duplicates included. */
  get okCount(): number {
    let n = 0;
    for (const c of this.delivered.values()) n += c;
    return n;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

// ---------------------------------------------------------------- worker process

/** Every run of the worker uses its own queue prefix, so runs never see each other's jobs. */
export const uniquePrefix = (name: string) => `{faults-${name}-${randomBytes(4).toString("hex")}}`;

/** A policy on which every hour is working time: nothing waits for office hours. */
export function writePolicy(extraYaml = ""): { file: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "cd-faults-"));
  const file = path.join(dir, "policy.yaml");
  writeFileSync(file, `calendar:\n  mode: 24x7\n${extraYaml}`);
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface WorkerEnv {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  webhookUrl: string;
  policyFile: string;
  concurrency?: number;
  /** 0: no HTTP server (the default here). */
  httpPort?: number;
  claimTimeout?: string;
}

/** `npm run worker` as a child process; stderr is kept for the failure message. */
export class WorkerProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  stderr = "";

  constructor(private readonly env: WorkerEnv) {}

  start(): void {
    const e = this.env;
    const child = spawn(process.execPath, ["--import", "tsx", "src/worker/main.ts"], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        TZ: "Asia/Shanghai",
        DATABASE_URL: e.databaseUrl,
        REDIS_URL: e.redisUrl,
        QUEUE_PREFIX: e.prefix,
        NOTIFY_WEBHOOK_URL: e.webhookUrl,
        POLICY_FILE: e.policyFile,
        WORKER_CONCURRENCY: String(e.concurrency ?? 8),
        DELIVERY_CLAIM_TIMEOUT: e.claimTimeout ?? "PT2S",
        HTTP_PORT: String(e.httpPort ?? 0),
        LOG_LEVEL: "warn",
        DATA_DIR: path.join(tmpdir(), "cd-faults-data"),
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (c: Buffer) => {
      // Bounded: a worker that logs in a loop must not eat the test's memory.
      if (this.stderr.length < 200_000) this.stderr += c.toString();
    });
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    this.child = child;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9: no draining, no cleanup, locks and claims left behind. */
  async kill9(): Promise<void> {
    if (!this.child || !this.running) return;
    this.child.kill("SIGKILL");
    await this.exited;
  }

  /** Graceful stop (SIGTERM), with SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<number | null> {
    if (!this.child || !this.running) return this.child?.exitCode ?? null;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child?.kill("SIGKILL"), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  /** Fails at once if the process died (e.g. a bad setting) instead of waiting out a timeout. */
  assertAlive(): void {
    if (this.child && !this.running) {
      throw new Error(
        `worker exited (${this.child.exitCode ?? this.child.signalCode}):\n${this.stderr}`,
      );
    }
  }
}

// ---------------------------------------------------------------- data

export interface Seeded {
  complaintIds: string[];
  /** The webhook delivery keys the due nudges must produce, exactly. */
  expectedKeys: Set<string>;
}

const HANDLERS = 10;

/**
 * `count` assigned complaints, received 48 h before their first-reply
 * deadline `firstReplyDue`; their other deadlines are 30 days off. A deadline
 * already past fires only its latest past milestone (pendingMilestones), here
 * "due", which DMs the assignee: one key per complaint. (A future
 * `firstReplyDue` needs a policy without reminders, or r50/r80 would be
 * the latest past milestones.)
 */
export async function seedComplaints(
  prisma: PrismaClient,
  options: {
    count: number;
    firstReplyDue: Date;
    tag: string;
    /** Deadlines due in 30 days besides first_reply (default: close), which must not fire. */
    farKinds?: readonly string[];
    /** The first complaint is also in this handling stage, due with its first reply. */
    stage?: string;
  },
): Promise<Seeded> {
  const { count, firstReplyDue, tag } = options;
  const farKinds = options.farKinds ?? ["close"];
  await prisma.department.upsert({
    where: { id: "billing" },
    create: { id: "billing", name: "Billing", channel: "billing", managerId: "carol" },
    update: {},
  });
  await prisma.staff.createMany({
    data: [
      { id: "carol", name: "Carol", role: "dept-manager", departmentId: "billing" },
      ...Array.from({ length: HANDLERS }, (_, i) => ({
        id: `h${i}`,
        name: `Handler ${i}`,
        role: "handler",
        departmentId: "billing",
        managerId: "carol",
      })),
    ],
    skipDuplicates: true,
  });
  const receivedAt = new Date(firstReplyDue.getTime() - 48 * 3_600_000);
  const far = new Date(Date.now() + 30 * 86_400_000);
  const complaintIds: string[] = [];
  const expectedKeys = new Set<string>();
  const BATCH = 1_000;
  for (let start = 0; start < count; start += BATCH) {
    const rows = [];
    const deadlines = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const id = randomUUID();
      const assignee = `h${i % HANDLERS}`;
      complaintIds.push(id);
      expectedKeys.add(`nudge|${id}|first_reply|due|v1|${assignee}@webhook`);
      rows.push({
        id,
        number: `TS-${tag}-${String(i).padStart(6, "0")}`,
        status: "assigned",
        channel: "hotline",
        complainantName: "Wang Li",
        contact: "13800138000",
        content: "Charged twice",
        receivedAt,
        departmentId: "billing",
        ownerId: "carol",
        assigneeId: assignee,
        createdById: "carol",
      });
      deadlines.push(
        {
          complaintId: id,
          kind: "first_reply",
          clock: "calendar",
          startedAt: receivedAt,
          dueAt: firstReplyDue,
        },
        ...farKinds.map((kind) => ({
          complaintId: id,
          kind,
          clock: "calendar",
          startedAt: receivedAt,
          dueAt: far,
        })),
      );
      if (i === 0 && options.stage) {
        const kind = `stage:${options.stage}`;
        deadlines.push({
          complaintId: id,
          kind,
          clock: "calendar",
          startedAt: receivedAt,
          dueAt: firstReplyDue,
        });
        expectedKeys.add(`nudge|${id}|${kind}|due|v1|${assignee}@webhook`);
      }
    }
    await prisma.complaint.createMany({ data: rows });
    await prisma.complaintDeadline.createMany({ data: deadlines });
  }
  return { complaintIds, expectedKeys };
}

/** The worker's ledger: key → status, for keys of webhook deliveries. */
export async function ledger(
  prisma: PrismaClient,
): Promise<Map<string, { status: string; attempts: number }>> {
  const rows = await prisma.notificationDelivery.findMany({
    select: { key: true, status: true, attempts: true },
  });
  return new Map(rows.map((r) => [r.key, { status: r.status, attempts: r.attempts }]));
}

/** Reads one counter (summed over its labels, or for one label set) from Prometheus text. */
export function metric(text: string, name: string, labels?: Record<string, string>): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    if (labels) {
      const set = m[2] ?? "";
      if (!Object.entries(labels).every(([k, v]) => set.includes(`${k}="${v}"`))) continue;
    }
    sum += Number(m[3]);
  }
  return sum;
}

/** What a fault test runs against; redis and db exist from beforeAll on. */
export interface FaultRig {
  redis: PrivateRedis;
  db: TestDatabase;
  receiver: FakeReceiver;
  policy: { file: string; remove(): void };
  /** Every worker started, killed hard at the end. */
  workers: WorkerProcess[];
}

/**
 * Registers the suite's setup and teardown: a private Redis, an isolated
 * PostgreSQL database, the fake receiver and a policy file.
 */
export function useFaultRig(policyYaml = ""): FaultRig {
  const rig = {
    receiver: new FakeReceiver(),
    policy: writePolicy(policyYaml),
    workers: [] as WorkerProcess[],
  } as FaultRig;
  beforeAll(async () => {
    const [redis, db] = await Promise.all([
      startPrivateRedis(),
      createTestDatabase("postgres"),
      rig.receiver.start(),
    ]);
    rig.redis = redis;
    rig.db = db;
  });
  afterAll(async () => {
    await Promise.all(rig.workers.map((w) => w.kill9()));
    await Promise.all([rig.redis?.stop(), rig.receiver.stop(), rig.db?.close()]);
    rig.policy.remove();
  });
  return rig;
}
