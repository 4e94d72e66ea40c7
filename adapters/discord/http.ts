import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { InteractionType, type APIInteraction, type APIInteractionResponse } from "discord.js";
import type { Logger } from "../../src/logging.ts";
import type { InteractionHandler } from "./interactions.ts";
import { discordPublicKey, verifyRequest } from "./verify.ts";

/**
 * The HTTP interactions endpoint (Discord's "Interactions Endpoint URL"), for
 * hosting without a gateway connection. A request whose signature does not
 * verify gets 401 before anything is parsed or stored. The handler's first
 * answer becomes the HTTP response; its follow-ups go over REST.
 */
export const INTERACTIONS_PATH = "/discord/interactions";
const MAX_BODY_BYTES = 1_000_000;
/** Discord gives up after 3 s; answer with an error a little before. */
const ANSWER_DEADLINE_MS = 2_800;

export interface InteractionsServerOptions {
  /** 0: any free port (tests). */
  port: number;
  host?: string;
  publicKey: string;
  handler: InteractionHandler;
  logger: Logger;
  now?: () => number;
}

export interface InteractionsServer {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

export async function startInteractionsServer(
  options: InteractionsServerOptions,
): Promise<InteractionsServer> {
  const key = discordPublicKey(options.publicKey);
  const now = options.now ?? (() => Date.now());
  const server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, "discord: interactions endpoint failed");
      if (!res.headersSent) send(res, 500, { error: "internal error" });
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "").split("?")[0];
    if (path !== INTERACTIONS_PATH) return send(res, 404, { error: "not found" });
    if (req.method !== "POST") return send(res, 405, { error: "POST only" });
    const body = await readBody(req);
    if (!body) return send(res, 413, { error: "body too large" });
    const ok = verifyRequest(
      key,
      header(req, "x-signature-ed25519"),
      header(req, "x-signature-timestamp"),
      body,
      Math.floor(now() / 1000),
    );
    if (!ok) return send(res, 401, { error: "invalid request signature" });
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(body.toString("utf8")) as APIInteraction;
    } catch {
      return send(res, 400, { error: "body is not JSON" });
    }
    if (interaction.type === InteractionType.Ping) return send(res, 200, { type: 1 });
    const first = new Promise<APIInteractionResponse>((resolve) => {
      void options.handler.handle(interaction, {
        initial: async (response) => resolve(response),
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), ANSWER_DEADLINE_MS);
    });
    const response = await Promise.race([first, late]);
    clearTimeout(timer);
    if (!response) return send(res, 500, { error: "no answer in time" });
    send(res, 200, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
