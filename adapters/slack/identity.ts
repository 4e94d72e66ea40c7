import type { webApi } from "@slack/bolt";
import type { ChatPerson } from "../../src/app.ts";
import type { Logger } from "../../src/logging.ts";
import { PLATFORM, type SlackBackend } from "./backend.ts";
import { withRetries, type RetryPolicy } from "./web-api.ts";

export type Person = ChatPerson;

/**
 * Who a Slack user is in the staff directory, and how to reach a staff
 * member on Slack. A user seen for the first time is matched by the e-mail
 * Slack has for them (users.info, scope users:read.email) and linked from
 * then on; an admin can link by hand with `complaint staff link`.
 */
export class SlackIdentity {
  private readonly warnedStaff = new Set<string>();

  constructor(
    private readonly backend: SlackBackend,
    private readonly logger: Logger,
    private readonly retry?: RetryPolicy,
  ) {}

  async person(client: webApi.WebClient, slackUserId: string): Promise<Person | null> {
    return this.backend.identify(PLATFORM, slackUserId, () => this.emailOf(client, slackUserId));
  }

  /** The Slack user a DM to this staff member goes to; null (logged once) when not linked. */
  async slackUserOf(staffId: string): Promise<{ userId: string; locale: string | null } | null> {
    const profile = await this.backend.staffProfile(staffId);
    const linked = profile?.active
      ? profile.identities.find((i) => i.platform === PLATFORM)
      : undefined;
    if (profile && linked) return { userId: linked.externalId, locale: profile.locale };
    if (!this.warnedStaff.has(staffId)) {
      this.warnedStaff.add(staffId);
      this.logger.warn(
        { staff: staffId },
        profile
          ? `staff ${staffId} has no linked Slack account; their DMs are skipped until they use the app or an admin runs complaint staff link`
          : `no staff member ${staffId}; DM skipped`,
      );
    }
    return null;
  }

  private async emailOf(client: webApi.WebClient, user: string): Promise<string | null> {
    try {
      const info = await withRetries("users.info", () => client.users.info({ user }), this.retry);
      const u = info.user;
      if (!u || u.deleted || u.is_bot) return null;
      return u.profile?.email?.toLowerCase() ?? null;
    } catch (error) {
      // Without an e-mail the person is simply unknown; they get told how to get linked.
      this.logger.warn(
        { err: error, user },
        "users.info failed; cannot match the Slack user by e-mail",
      );
      return null;
    }
  }
}
