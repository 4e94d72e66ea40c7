import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { App as BoltApp, HTTPReceiver, Receiver } from "@slack/bolt";
import type { Logger } from "../../src/logging.ts";
import { verifySlackSignature } from "./verify.ts";

export const EVENTS_PATH = "/slack/events";
/** Slack's payloads are a few kilobytes; anything near this is not from Slack. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface VerifiedReceiverOptions {
  /** Bolt's receiver, built with the same signing secret (and the OAuth installer, if any). */
  inner: HTTPReceiver;
  signingSecret: string;
  logger: Logger;
  now?: () => number;
}

/**
 * Slack's HTTP endpoint. Every POST to /slack/events is buffered and its
 * signature and timestamp (both directions, see verify.ts) checked before
 * Bolt sees it: a forged or replayed request gets 401 and reaches no handler.
 * Everything else (OAuth install pages) goes to Bolt's own HTTPReceiver.
 */
export class VerifiedHttpReceiver implements Receiver {
  private server: Server | undefined;
  private readonly now: () => number;

  constructor(private readonly options: VerifiedReceiverOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Bolt takes the OAuth `authorize` from here when the inner receiver has an installer. */
  get installer(): HTTPReceiver["installer"] {
    return this.options.inner.installer;
  }

  init(app: BoltApp): void {
    this.options.inner.init(app);
  }

  async start(port: number, host?: string): Promise<Server> {
    if (this.server) throw new Error("the Slack receiver is already started");
    const server = createServer((req, res) => this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    return server;
  }

  /** The port actually bound (start(0) picks a free one). */
  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === "object" ? address.port : undefined;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method === "POST" && path === EVENTS_PATH) {
      void this.verifyThenDispatch(req, res);
      return;
    }
    try {
      this.options.inner.requestListener(req, res);
    } catch {
      // Bolt throws for paths it does not serve.
      if (!res.headersSent) res.writeHead(404).end();
    }
  }

  private async verifyThenDispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let rawBody: Buffer;
    try {
      rawBody = await readBody(req, BODY_LIMIT_BYTES);
    } catch {
      res.writeHead(413).end();
      return;
    }
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    // Slack's SSL check carries no signature and must not reach a handler.
    if (
      /^application\/x-www-form-urlencoded/.test(header("content-type") ?? "") &&
      new URLSearchParams(rawBody.toString("utf8")).get("ssl_check") === "1"
    ) {
      res.writeHead(200).end();
      return;
    }
    const verdict = verifySlackSignature(
      {
        rawBody,
        timestamp: header("x-slack-request-timestamp"),
        signature: header("x-slack-signature"),
      },
      this.options.signingSecret,
      this.now(),
    );
    if (!verdict.ok) {
      this.options.logger.warn(
        { reason: verdict.reason, retry: header("x-slack-retry-num") },
        "refused a Slack request with a bad signature or timestamp",
      );
      res.writeHead(401).end();
      return;
    }
    if (!wellFormed(rawBody, header("content-type"))) {
      // Bolt assumes Slack's shapes; a signed body outside them (a `payload`
      // that is not a JSON object) would throw inside it, unanswered.
      this.options.logger.warn("refused a signed Slack request whose body is not a Slack payload");
      res.writeHead(400).end();
      return;
    }
    // Bolt reuses a body that is already buffered (BufferedIncomingMessage).
    Object.assign(req, { rawBody });
    this.options.inner.requestListener(req, res);
  }
}

const isObject = (value: unknown): boolean =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Slack sends JSON objects (events) or forms (commands; interactions carry a
 * JSON object in `payload`).
 */
function wellFormed(rawBody: Buffer, contentType: string | undefined): boolean {
  const text = rawBody.toString("utf8");
  try {
    if (contentType?.includes("application/json")) return isObject(JSON.parse(text));
    const payload = new URLSearchParams(text).get("payload");
    return payload === null || isObject(JSON.parse(payload));
  } catch {
    return false;
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
