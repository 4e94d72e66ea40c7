import type { Logger } from "../../src/logging.ts";

/**
 * Core notifications name team channels by reference (a department's
 * `channel`, the policy's management channel); SLACK_CHANNELS maps each to a
 * Slack channel id. An unmapped reference is logged once and its posts are
 * skipped: a missing mapping must not stop DMs or other teams' alerts.
 */
export class TeamChannels {
  private readonly warned = new Set<string>();

  constructor(
    private readonly map: Readonly<Record<string, string>>,
    private readonly logger: Logger,
  ) {}

  resolve(reference: string): string | null {
    const id = this.map[reference.toLowerCase()];
    if (id) return id;
    if (!this.warned.has(reference)) {
      this.warned.add(reference);
      this.logger.warn(
        { team: reference },
        `no Slack channel for team "${reference}": add ${reference}=C… to SLACK_CHANNELS; its channel posts are skipped`,
      );
    }
    return null;
  }
}
