import type { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Queue } from "bullmq";

export const BOARD_PATH = "/admin/queues";
const COOKIE = "cd_admin";

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/**
 * Bull Board (the queue dashboard) behind ADMIN_TOKEN: a bearer header, or
 * `?token=` once in a browser, which then rides in an HttpOnly cookie.
 * Returns a handler for requests under /admin/queues.
 */
export function queueBoard(
  queues: readonly Queue[],
  token: string,
): (req: IncomingMessage, res: ServerResponse) => void {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  const router = adapter.getRouter() as (
    req: IncomingMessage,
    res: ServerResponse,
    next: () => void,
  ) => void;
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const query = url.searchParams.get("token") ?? undefined;
    if (
      !sameToken(bearer, token) &&
      !sameToken(query, token) &&
      !sameToken(cookie(req, COOKIE), token)
    ) {
      res
        .writeHead(401, { "content-type": "application/json", "www-authenticate": "Bearer" })
        .end('{"error":"admin token required"}');
      return;
    }
    if (sameToken(query, token)) {
      res.setHeader(
        "set-cookie",
        `${COOKIE}=${encodeURIComponent(token)}; Path=${BOARD_PATH}; HttpOnly; SameSite=Strict`,
      );
    }
    // Express routers are mounted relative to the base path.
    req.url = (req.url ?? "/").slice(BOARD_PATH.length) || "/";
    router(req, res, () => res.writeHead(404).end());
  };
}
