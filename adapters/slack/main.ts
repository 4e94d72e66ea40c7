import type { App } from "../../src/app.ts";
import type { SlackConfig } from "../../src/config/env.ts";
import type { Logger } from "../../src/logging.ts";
import { createSlackAdapter, type SlackAdapter } from "./app.ts";

export { slackEnabled } from "./enabled.ts";

/**
 * Starts the Slack adapter for `npm start`. The returned adapter's
 * `notifier` is what the worker delivers Slack notifications with.
 */
export async function startSlack(
  app: App,
  config: SlackConfig,
  logger: Logger,
): Promise<SlackAdapter> {
  const adapter = createSlackAdapter({ backend: app, config, logger });
  const { port } = await adapter.start();
  logger.info(
    { mode: adapter.mode, auth: adapter.auth, port },
    adapter.mode === "http"
      ? `Slack adapter listening on port ${port ?? "?"} (POST /slack/events${adapter.auth === "oauth" ? ", GET /slack/install" : ""})`
      : "Slack adapter connected over Socket Mode",
  );
  return adapter;
}
