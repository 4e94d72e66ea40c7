// A local stand-in for Discord: the REST API under /api/v10 and a gateway
// WebSocket, on 127.0.0.1 and a random port. Every request is checked
// against Discord's OpenAPI description (route, method, body schema) and the
// limits the description leaves out; anything wrong lands in `problems`,
// which a test asserts empty, and gets the 4xx Discord would answer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { WebSocketServer, type WebSocket } from "ws";
import { callbackProblems, commandProblems, messageProblems } from "./limits.ts";
import { findOperation, validate } from "./openapi.ts";

export interface Call {
  method: string;
  /** Decoded path after /api/v10. */
  path: string;
  /** The OpenAPI route it matched. */
  template: string | null;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: unknown;
  files: { name: string; size: number }[];
  /** performance.now() when it arrived. */
  at: number;
  status: number;
}

export interface Injected {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakeDiscordOptions {
  token: string;
  appId: string;
}

const BOT_USER = {
  id: "900000000000000001",
  username: "complaint-desk",
  discriminator: "0",
  bot: true,
  avatar: null,
  global_name: null,
};

export class FakeDiscord {
  readonly calls: Call[] = [];
  readonly problems: string[] = [];
  private server: Server | undefined;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly waiters: {
    from: number;
    pred: (c: Call) => boolean;
    resolve: (c: Call) => void;
  }[] = [];
  private readonly injections: { pred: (c: Call) => boolean; response: Injected; left: number }[] =
    [];
  private seq = 0;
  private snowflake = 1_300_000_000_000_000_000n;
  private identified: (() => void) | undefined;
  port = 0;

  constructor(private readonly options: FakeDiscordOptions) {}

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.serve(req, res).catch((error: unknown) => {
        this.problems.push(`fake failed: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    this.server.on("upgrade", (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.gateway(ws));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  id(): string {
    this.snowflake += 1n;
    return this.snowflake.toString();
  }

  /** Resolves with the first call (from index `from` on) that matches. */
  waitFor(pred: (c: Call) => boolean, from = 0, timeoutMs = 5_000): Promise<Call> {
    const found = this.calls.slice(from).find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = { from, pred, resolve: (c: Call) => (clearTimeout(timer), resolve(c)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(
          new Error(
            `no matching call within ${timeoutMs} ms; got: ${this.calls
              .slice(from)
              .map((c) => `${c.method} ${c.path}`)
              .join(", ")}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Answers the next `times` matching requests with `response` instead. */
  inject(pred: (c: Call) => boolean, response: Injected, times = 1): void {
    this.injections.push({ pred, response, left: times });
  }

  /** Forgets injections not used up. */
  clearInjections(): void {
    this.injections.length = 0;
  }

  /** Resolves once a client has identified on the gateway. */
  identifiedOnce(): Promise<void> {
    return new Promise((resolve) => (this.identified = resolve));
  }

  /** Sends a gateway dispatch (e.g. INTERACTION_CREATE) to every connected client. */
  dispatch(t: string, d: unknown): void {
    for (const ws of this.sockets) ws.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
  }

  // ---------------------------------------------------------------- gateway

  private gateway(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on("message", (raw: Buffer) => {
      const msg = JSON.parse(raw.toString()) as { op: number; d: unknown };
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (msg.op === 2) {
        const d = msg.d as { token?: string };
        if (d.token !== this.options.token)
          this.problems.push("gateway: IDENTIFY with a wrong token");
        ws.send(
          JSON.stringify({
            op: 0,
            t: "READY",
            s: ++this.seq,
            d: {
              v: 10,
              session_id: "fake-session",
              resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
              shard: [0, 1],
              guilds: [],
              user: BOT_USER,
              application: { id: this.options.appId, flags: 0 },
            },
          }),
        );
        this.identified?.();
      }
    });
  }

  // ---------------------------------------------------------------- REST

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = await readAll(req);
    const prefix = "/api/v10";
    const path = decodeURIComponent(
      url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname,
    );
    const method = req.method ?? "GET";
    const { body, files } = await parseBody(req.headers["content-type"], raw);
    const op = findOperation(method, path);
    const call: Call = {
      method,
      path,
      template: op?.template ?? null,
      query: url.searchParams,
      headers: req.headers,
      body,
      files,
      at: performance.now(),
      status: 0,
    };
    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      this.record(call);
      res.writeHead(status, {
        ...(payload === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    if (!url.pathname.startsWith(prefix)) {
      this.problems.push(`${method} ${url.pathname}: not under /api/v10`);
      return reply(404, { message: "404: Not Found", code: 0 });
    }
    if (!op) {
      this.problems.push(`${method} ${path}: no such route in Discord's API description`);
      return reply(404, { message: "404: Not Found", code: 0 });
    }
    const problems = this.check(call, op.body);
    if (problems.length > 0) {
      this.problems.push(...problems.map((p) => `${method} ${op.template}: ${p}`));
      return reply(400, { message: "Invalid Form Body", code: 50035, errors: problems });
    }
    const injected = this.injections.find((i) => i.left > 0 && i.pred(call));
    if (injected) {
      injected.left -= 1;
      return reply(injected.response.status, injected.response.body, injected.response.headers);
    }
    const answer = this.answer(call, op.template);
    if (!answer) {
      this.problems.push(
        `${method} ${op.template}: exists on Discord but the fake does not serve it`,
      );
      return reply(501, { message: "not in the fake", code: 0 });
    }
    return reply(answer.status, answer.body);
  }

  private check(call: Call, schema: Record<string, unknown> | undefined): string[] {
    const problems: string[] = [];
    const t = call.template ?? "";
    const interactionRoute = t.startsWith("/interactions/") || t.startsWith("/webhooks/");
    if (!interactionRoute && call.headers.authorization !== `Bot ${this.options.token}`) {
      problems.push("missing or wrong Authorization: Bot <token>");
    }
    if (["POST", "PUT", "PATCH"].includes(call.method) && schema && call.body !== undefined) {
      problems.push(...validate(schema, call.body));
    }
    if (t.endsWith("/commands") && call.method === "PUT") {
      for (const [i, c] of (Array.isArray(call.body) ? call.body : []).entries())
        problems.push(...commandProblems(c, `command[${i}]`));
    } else if (t.endsWith("/callback")) {
      problems.push(...callbackProblems(call.body));
    } else if (call.method !== "GET" && call.method !== "DELETE") {
      problems.push(...messageProblems(call.body));
    }
    return problems;
  }

  private answer(call: Call, template: string): { status: number; body?: unknown } | null {
    const parts = call.path.split("/").filter(Boolean);
    const body = (call.body ?? {}) as Record<string, unknown>;
    const message = (channelId: string) => ({
      id: this.id(),
      channel_id: channelId,
      type: 0,
      content: body.content ?? "",
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      attachments: [],
      author: BOT_USER,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      flags: body.flags ?? 0,
    });
    switch (`${call.method} ${template}`) {
      case "GET /gateway/bot":
        return {
          status: 200,
          body: {
            url: `ws://127.0.0.1:${this.port}/gateway`,
            shards: 1,
            session_start_limit: {
              total: 1000,
              remaining: 1000,
              reset_after: 0,
              max_concurrency: 1,
            },
          },
        };
      case "POST /interactions/{interaction_id}/{interaction_token}/callback":
        return { status: 204 };
      case "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original":
      case "POST /webhooks/{webhook_id}/{webhook_token}":
        return { status: 200, body: message("0") };
      case "POST /channels/{channel_id}/messages":
      case "PATCH /channels/{channel_id}/messages/{message_id}":
        return { status: 200, body: message(parts[1] ?? "0") };
      case "POST /channels/{channel_id}/messages/{message_id}/threads":
        return {
          status: 201,
          body: { id: this.id(), type: 11, parent_id: parts[1], name: body.name },
        };
      case "POST /users/@me/channels":
        return {
          status: 200,
          body: { id: this.id(), type: 1, recipients: [{ id: body.recipient_id }] },
        };
      case "PUT /applications/{application_id}/commands":
      case "PUT /applications/{application_id}/guilds/{guild_id}/commands":
        return {
          status: 200,
          body: (Array.isArray(call.body) ? call.body : []).map((c: Record<string, unknown>) => ({
            ...c,
            id: this.id(),
            application_id: this.options.appId,
            version: this.id(),
          })),
        };
      default:
        return null;
    }
  }

  private record(call: Call): void {
    this.calls.push(call);
    const index = this.calls.length - 1;
    for (const w of [...this.waiters]) {
      if (index >= w.from && w.pred(call)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(call);
      }
    }
  }
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(
  contentType: string | undefined,
  raw: Buffer,
): Promise<{ body: unknown; files: { name: string; size: number }[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
    const files: { name: string; size: number }[] = [];
    let body: unknown;
    for (const [key, value] of form.entries()) {
      if (key === "payload_json" && typeof value === "string") body = JSON.parse(value);
      else if (typeof value !== "string") files.push({ name: value.name, size: value.size });
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString("utf8")) as unknown, files: [] };
}
