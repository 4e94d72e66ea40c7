/**
 * A local stand-in for Slack's Web API (and Socket Mode), for tests with no
 * internet. Every call is checked against Slack's own OpenAPI description in
 * ../shared/refdata/slack-api-specs/: the method must exist and its required
 * arguments must be there; `blocks` and `view` must stay inside Block Kit's
 * limits (block-kit-limits.ts). What fails a check is answered like Slack
 * would (`ok: false`) and recorded in `violations`, which tests assert empty.
 *
 *   const slack = await FakeSlackApi.start();
 *   new App({ clientOptions: { slackApiUrl: slack.apiUrl } });
 *   …
 *   expect(slack.violations).toEqual([]);
 *   await slack.close();
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { WebSocketServer, type WebSocket } from "ws";
import { checkBlocks, checkView } from "./block-kit-limits.ts";

export const SPEC_FILE = path.resolve(
  import.meta.dirname,
  "../../../shared/refdata/slack-api-specs/slack_web_openapi_v2_without_examples.json",
);

/**
 * Methods the 2021 description predates. The first two per refdata/README;
 * apps.connections.open (Socket Mode, GA 2021) is missing from it as well.
 */
export const KNOWN_UNLISTED = new Set([
  "files.getUploadURLExternal",
  "files.completeUploadExternal",
  "apps.connections.open",
]);

interface SpecParameter {
  name: string;
  in: string;
  required?: boolean;
}
type Spec = { paths: Record<string, Record<string, { parameters?: SpecParameter[] }>> };

let spec: Spec | undefined;
export function slackSpec(): Spec {
  spec ??= JSON.parse(readFileSync(SPEC_FILE, "utf8")) as Spec;
  return spec;
}

/** Required arguments of a method per the spec (the token travels in a header). */
export function requiredArguments(method: string): string[] | null {
  const ops = slackSpec().paths[`/${method}`];
  if (!ops) return null;
  const params = Object.values(ops).flatMap((op) => op.parameters ?? []);
  return [...new Set(params.filter((p) => p.required && p.name !== "token").map((p) => p.name))];
}

export function methodExists(method: string): boolean {
  return KNOWN_UNLISTED.has(method) || slackSpec().paths[`/${method}`] !== undefined;
}

export interface Call {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  /** false when the fake answered with an error (a planned failure or a contract violation). */
  ok: boolean;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export interface SlackUser {
  id: string;
  email?: string;
  deleted?: boolean;
  isBot?: boolean;
  locale?: string;
}

type Failure =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 | 502 | 503; retryAfterSeconds?: number }
  | { error: string };

type Handler = (args: Record<string, unknown>) => Record<string, unknown>;

const json = (v: unknown): unknown => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

export class FakeSlackApi {
  readonly calls: Call[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /** Bytes posted to upload URLs (files.uploadV2), by file id. */
  readonly uploads = new Map<string, string>();
  /** The same bodies as bytes, for binary files (chart PNGs). */
  readonly uploadBytes = new Map<string, Buffer>();
  readonly violations: string[] = [];
  readonly users = new Map<string, SlackUser>();
  readonly teamId = "T0TEST";
  private readonly failures = new Map<string, Failure[]>();
  private readonly handlers = new Map<string, Handler>();
  private readonly sockets = new Set<WebSocket>();
  private readonly pendingAcks = new Map<string, (ack: Record<string, unknown>) => void>();
  private tsCounter = 0;
  private viewCounter = 0;
  private envelopeCounter = 0;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
  ) {}

  static async start(): Promise<FakeSlackApi> {
    const server = createServer();
    const wss = new WebSocketServer({ noServer: true });
    const fake = new FakeSlackApi(server, wss);
    server.on("request", (req, res) => void fake.handle(req, res));
    server.on("upgrade", (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => fake.connected(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** For `slackApiUrl` (with the trailing slash the Web API client needs). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  callsTo(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The next call(s) of `method` fail as given, in order. */
  failNext(method: string, ...failures: Failure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /** Answer `method` with a custom body (merged after ok: true). */
  on(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  /** Polls (bounded) until `check` returns something truthy. */
  async waitFor<T>(
    check: () => T | undefined | null | false,
    what: string,
    timeoutMs = 5_000,
  ): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  // ------------------------------------------------------------ Socket Mode

  get socketUrl(): string {
    return `ws://127.0.0.1:${this.port}/socket`;
  }

  async waitForSocket(): Promise<void> {
    await this.waitFor(() => this.sockets.size > 0, "a Socket Mode connection");
  }

  /** Sends an envelope as Slack does and resolves with the app's ack. */
  sendEnvelope(
    type: "slash_commands" | "interactive" | "events_api",
    payload: Record<string, unknown>,
    retryAttempt = 0,
  ): Promise<Record<string, unknown>> {
    const socket = [...this.sockets][0];
    if (!socket) return Promise.reject(new Error("no Socket Mode connection"));
    const envelopeId = `env-${++this.envelopeCounter}`;
    const acked = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${envelopeId}`)), 5_000);
      this.pendingAcks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== "events_api",
        retry_attempt: retryAttempt,
        retry_reason: retryAttempt > 0 ? "timeout" : "",
      }),
    );
    return acked;
  }

  private connected(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    ws.on("message", (data: Buffer) => {
      const msg = json(data.toString("utf8"));
      if (typeof msg === "object" && msg !== null && "envelope_id" in msg) {
        const ack = msg as Record<string, unknown>;
        this.pendingAcks.get(String(ack["envelope_id"]))?.(ack);
        this.pendingAcks.delete(String(ack["envelope_id"]));
      }
    });
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "fake", approximate_connection_time: 3600 },
        connection_info: { app_id: "A0TEST" },
      }),
    );
  }

  // ------------------------------------------------------------ HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith("/response/")) {
      const body = (json(raw) ?? {}) as Record<string, unknown>;
      const id = url.pathname.slice("/response/".length);
      this.responses.push({ id, body });
      if (body["blocks"] !== undefined)
        this.check(`response_url ${id}`, checkBlocks(body["blocks"], "message"));
      send(200, { ok: true });
      return;
    }
    if (url.pathname.startsWith("/upload/")) {
      this.uploads.set(url.pathname.slice("/upload/".length), raw);
      this.uploadBytes.set(url.pathname.slice("/upload/".length), bytes);
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("OK");
      return;
    }
    if (!url.pathname.startsWith("/api/")) {
      send(404, { ok: false, error: "unknown_path" });
      return;
    }
    const method = url.pathname.slice("/api/".length);
    const args: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const type = req.headers["content-type"] ?? "";
    if (type.startsWith("application/json")) Object.assign(args, json(raw) as object);
    else Object.assign(args, Object.fromEntries(new URLSearchParams(raw)));
    const auth = req.headers["authorization"];
    const token = auth?.startsWith("Bearer ")
      ? auth.slice(7)
      : (args["token"] as string | undefined);
    const call: Call = { method, args, token, ok: true };
    this.calls.push(call);

    const problems = this.validate(method, args, token);
    if (problems.length > 0) {
      call.ok = false;
      this.check(method, problems);
      send(200, { ok: false, error: "invalid_arguments", problems });
      return;
    }
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      call.ok = false;
      if ("error" in failure) send(200, { ok: false, error: failure.error });
      else
        send(
          failure.status,
          { ok: false, error: failure.status === 429 ? "ratelimited" : "service_unavailable" },
          failure.retryAfterSeconds !== undefined
            ? { "retry-after": String(failure.retryAfterSeconds) }
            : {},
        );
      return;
    }
    send(200, { ok: true, ...this.answer(method, args) });
  }

  private check(where: string, problems: string[]): void {
    for (const p of problems) this.violations.push(`${where}: ${p}`);
  }

  private validate(
    method: string,
    args: Record<string, unknown>,
    token: string | undefined,
  ): string[] {
    if (!methodExists(method)) return [`unknown Web API method ${method}`];
    const problems: string[] = [];
    for (const name of requiredArguments(method) ?? []) {
      if (args[name] === undefined || args[name] === "")
        problems.push(`missing required argument ${name}`);
    }
    if (!token && method !== "oauth.v2.access") problems.push("no token");
    if (method === "apps.connections.open" && !token?.startsWith("xapp-")) {
      problems.push("apps.connections.open needs the app-level (xapp-) token");
    }
    // Not in the 2021 description: checked against Slack's method pages instead.
    if (method === "files.getUploadURLExternal") {
      for (const name of ["filename", "length"])
        if (!args[name]) problems.push(`missing required argument ${name}`);
    }
    if (method === "files.completeUploadExternal" && !Array.isArray(json(args["files"]))) {
      problems.push("missing required argument files");
    }
    if (["chat.postMessage", "chat.update", "chat.postEphemeral"].includes(method)) {
      if (typeof args["text"] !== "string" || args["text"] === "") {
        problems.push("no fallback text (notifications and screen readers need it)");
      }
      if (args["blocks"] !== undefined)
        problems.push(...checkBlocks(json(args["blocks"]), "message"));
    }
    if (method.startsWith("views.") && args["view"] !== undefined) {
      const view = json(args["view"]);
      problems.push(...checkView(view));
      if (method === "views.publish" && (view as { type?: unknown }).type !== "home") {
        problems.push("views.publish takes a home view");
      }
    }
    return problems;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const custom = this.handlers.get(method);
    if (custom) return custom(args);
    switch (method) {
      case "auth.test":
        return {
          user_id: "U0BOT",
          bot_id: "B0BOT",
          team_id: this.teamId,
          team: "Test",
          url: "https://test.slack.com/",
        };
      case "apps.connections.open":
        return { url: this.socketUrl };
      case "chat.postMessage": {
        const ts = `1700000000.${String(++this.tsCounter).padStart(6, "0")}`;
        return { channel: args["channel"], ts, message: { text: args["text"], ts } };
      }
      case "chat.update":
        return { channel: args["channel"], ts: args["ts"], text: args["text"] };
      case "chat.postEphemeral":
        return { message_ts: `1700000001.${String(++this.tsCounter).padStart(6, "0")}` };
      case "conversations.open":
        return { channel: { id: `D${String(args["users"]).replace(/^U/, "")}` } };
      case "views.open":
      case "views.publish":
      case "views.update": {
        const view = json(args["view"]) as Record<string, unknown>;
        const id = method === "views.update" ? String(args["view_id"]) : `V${++this.viewCounter}`;
        return { view: { ...view, id, hash: `h${++this.viewCounter}` } };
      }
      case "users.info": {
        const user = this.users.get(String(args["user"]));
        if (!user) return { ok: false, error: "user_not_found" };
        return {
          user: {
            id: user.id,
            team_id: this.teamId,
            deleted: user.deleted ?? false,
            is_bot: user.isBot ?? false,
            locale: user.locale,
            profile: user.email ? { email: user.email } : {},
          },
        };
      }
      case "files.getUploadURLExternal": {
        const id = `F${++this.viewCounter}`;
        return { upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal":
        return { files: json(args["files"]) };
      case "oauth.v2.access":
        return {
          app_id: "A0TEST",
          authed_user: { id: "U0INSTALLER" },
          scope: "commands,chat:write,files:write,im:write,users:read,users:read.email",
          token_type: "bot",
          access_token: "xoxb-installed-token",
          bot_user_id: "U0BOT",
          team: { id: "T0OAUTH", name: "OAuth Team" },
          enterprise: null,
          is_enterprise_install: false,
        };
      default:
        return {};
    }
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
