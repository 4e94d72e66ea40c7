import type { Server } from "node:http";
import type { App } from "../app.ts";
import type { AppConfig } from "../config/env.ts";
import type { Logger } from "../logging.ts";
import type { WorkerRuntime } from "../worker/runtime.ts";
import { BOARD_PATH, queueBoard } from "./queue-board.ts";
import { startHttpServer } from "./server.ts";

/**
 * The operations endpoint of a bot or worker process: /healthz, /readyz
 * (database and Redis), /metrics, and the queue dashboard when ADMIN_TOKEN
 * is set. null when HTTP_PORT is 0 or the port is taken.
 */
export async function startOpsServer(
  app: App,
  runtime: WorkerRuntime,
  config: Pick<AppConfig, "httpPort" | "adminToken">,
  logger: Logger,
): Promise<Server | null> {
  if (config.httpPort <= 0) return null;
  return startHttpServer({
    port: config.httpPort,
    logger,
    metrics: runtime.metrics.registry,
    ...(config.adminToken
      ? { mounts: { [BOARD_PATH]: queueBoard(runtime.queues.all(), config.adminToken) } }
      : {}),
    checks: {
      database: async () => {
        await app.db.prisma.$queryRaw`SELECT 1`;
      },
      redis: async () => {
        await runtime.queues.deadlines.getJobCounts("delayed");
      },
    },
  });
}
