import type { SlackConfig } from "../../src/config/env.ts";

/** Whether the settings ask for Slack (a bot token, or OAuth for several workspaces). */
export function slackEnabled(config: SlackConfig): boolean {
  return config.botToken !== undefined || config.clientId !== undefined;
}
