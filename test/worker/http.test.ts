import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOARD_PATH, queueBoard } from "../../src/http/queue-board.ts";
import { startHttpServer } from "../../src/http/server.ts";
import { Metrics } from "../../src/worker/metrics.ts";
import { Queues, redisConnection } from "../../src/worker/queues.ts";

const token = "a-long-admin-token-for-tests";
const logger = { warn: () => undefined, info: () => undefined };

describe("health, metrics and the queue dashboard", () => {
  const connection = redisConnection("redis://127.0.0.1:6379");
  const queues = new Queues({ connection, prefix: `{http-test-${process.pid}}` });
  let server: Server | null;
  let base = "";
  let dbUp = true;
  beforeAll(async () => {
    const metrics = new Metrics(queues);
    metrics.sent.inc({ kind: "dm" });
    server = await startHttpServer({
      port: 0,
      host: "127.0.0.1",
      logger,
      metrics: metrics.registry,
      mounts: { [BOARD_PATH]: queueBoard(queues.all(), token) },
      checks: {
        database: () =>
          dbUp ? Promise.resolve() : Promise.reject(new Error("connection refused")),
        redis: async () => {
          await connection.ping();
        },
      },
    });
    base = `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await queues.close();
    connection.disconnect();
  });

  it("answers /healthz, and /readyz with each dependency", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { database: "ok", redis: "ok" } });
    dbUp = false;
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      ready: false,
      checks: { database: "connection refused", redis: "ok" },
    });
    dbUp = true;
  });

  it("exposes Prometheus metrics, queue depth included", async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('complaint_desk_notifications_sent_total{kind="dm"} 1');
    expect(text).toMatch(/complaint_desk_queue_jobs\{queue="notifications",state="delayed"\} 0/);
    expect(text).toContain("complaint_desk_nudge_lateness_seconds_bucket");
  });

  it("keeps the queue dashboard behind the admin token", async () => {
    expect((await fetch(`${base}${BOARD_PATH}`)).status).toBe(401);
    expect((await fetch(`${base}${BOARD_PATH}?token=wrong-token-wrong-token`)).status).toBe(401);
    const page = await fetch(`${base}${BOARD_PATH}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<html");
    const browser = await fetch(`${base}${BOARD_PATH}?token=${token}`);
    expect(browser.headers.get("set-cookie")).toContain("HttpOnly");
    const api = await fetch(`${base}${BOARD_PATH}/api/queues`, {
      headers: { cookie: `cd_admin=${token}` },
    });
    expect(api.status).toBe(200);
    expect(JSON.stringify(await api.json())).toContain("notifications");
  });
});
