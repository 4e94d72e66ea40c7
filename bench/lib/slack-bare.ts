// The bare baseline of bench/slack-command.ts: a plain Bolt app (the same
// @slack/bolt, its own HTTPReceiver, the same signing secret) whose
// /complaint handler acks, does one raw INSERT with pg, and posts one reply to
// the command's response_url, so it makes the same hops as ours: signed
// request in, ack out, one database write, one reply to Slack.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import pg from "pg";

export interface BareSlackApp {
  /** http://127.0.0.1:P/slack/events */
  eventsUrl: string;
  /** Rows in bench_baseline. */
  rows(): Promise<number>;
  /** Milliseconds of each INSERT (pool wait included), in arrival order. */
  readonly insertMs: number[];
  close(): Promise<void>;
}

export interface BareSlackOptions {
  databaseUrl: string;
  signingSecret: string;
  /** The fake Web API (for Bolt's auth.test of the bot token). */
  apiUrl: string;
  /** pg pool size: the same as ours (src/store/database.ts defaults to 10). */
  poolSize: number;
}

export const BARE_REPLY_PREFIX = "Recorded complaint ";

export async function startBareSlackApp(options: BareSlackOptions): Promise<BareSlackApp> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize });
  pool.on("error", () => {});
  await pool.query("CREATE TABLE IF NOT EXISTS bench_baseline (id serial PRIMARY KEY, text text)");
  const insertMs: number[] = [];
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: "/slack/events",
    logLevel: LogLevel.ERROR,
  });
  const app = new App({
    receiver,
    token: "xoxb-bench",
    clientOptions: { slackApiUrl: options.apiUrl },
    logLevel: LogLevel.ERROR,
  });
  app.command("/complaint", async ({ command, ack, respond }) => {
    await ack();
    const started = performance.now();
    const { rows } = await pool.query<{ id: number }>(
      "INSERT INTO bench_baseline (text) VALUES ($1) RETURNING id",
      [command.text],
    );
    insertMs.push(performance.now() - started);
    await respond({ response_type: "ephemeral", text: `${BARE_REPLY_PREFIX}${rows[0]?.id}` });
  });
  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
  const { port } = server.address() as AddressInfo;
  return {
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    insertMs,
    async rows() {
      const { rows } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM bench_baseline");
      return Number(rows[0]?.n ?? 0);
    },
    async close() {
      server.closeAllConnections();
      await app.stop();
      await pool.end();
    },
  };
}
