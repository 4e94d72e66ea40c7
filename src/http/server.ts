import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface HealthChecks {
  /** Each returns normally when its dependency answers, throws otherwise. */
  [name: string]: () => Promise<void>;
}

export interface HttpServerOptions {
  port: number;
  host?: string;
  checks: HealthChecks;
  /** Prometheus text exposition for /metrics. */
  metrics?: { contentType: string; metrics(): Promise<string> };
  /** Handlers for path prefixes (the queue dashboard under /admin/queues). */
  mounts?: Record<string, (req: IncomingMessage, res: ServerResponse) => void>;
  logger: { warn(obj: object, msg: string): void; info(msg: string): void };
}

/**
 * /healthz says the process is alive; /readyz says every dependency
 * answers (load balancers stop routing on 503).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<Server | null> {
  const server = createServer((req, res) => {
    const url = req.url?.split("?")[0];
    if (req.method === "GET" && url === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      return;
    }
    if (req.method === "GET" && url === "/readyz") {
      void readiness(options.checks).then((result) => {
        res
          .writeHead(result.ready ? 200 : 503, { "content-type": "application/json" })
          .end(JSON.stringify(result));
      });
      return;
    }
    for (const [prefix, handler] of Object.entries(options.mounts ?? {})) {
      if (url === prefix || url?.startsWith(`${prefix}/`)) {
        handler(req, res);
        return;
      }
    }
    if (req.method === "GET" && url === "/metrics" && options.metrics) {
      const registry = options.metrics;
      void registry.metrics().then(
        (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
      return;
    }
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
  });
  return new Promise((resolve) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      // A second local instance must still start; it just has no health endpoint.
      options.logger.warn({ err: error }, `health endpoint not started on port ${options.port}`);
      resolve(null);
    });
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve(server));
  });
}

async function readiness(checks: HealthChecks) {
  const results: Record<string, string> = {};
  await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await check();
        results[name] = "ok";
      } catch (error) {
        results[name] = error instanceof Error ? error.message : String(error);
      }
    }),
  );
  return { ready: Object.values(results).every((r) => r === "ok"), checks: results };
}
