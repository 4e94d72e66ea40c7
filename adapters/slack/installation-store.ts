import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import { PLATFORM, type SlackBackend } from "./backend.ts";

/**
 * OAuth installs kept in PostgreSQL (table chat_installation): one row per
 * workspace, or per enterprise org for org-wide installs, holding what
 * Slack's OAuth flow returned (bot token included, as Bolt needs it back).
 */
export const installationKey = (q: {
  isEnterpriseInstall?: boolean | undefined;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}): string =>
  q.isEnterpriseInstall && q.enterpriseId
    ? `enterprise:${q.enterpriseId}`
    : `team:${q.teamId ?? "-"}`;

export class NoInstallationError extends Error {
  override readonly name = "NoInstallationError";
  readonly code = "E_SLACK_NOT_INSTALLED";
}

export function postgresInstallationStore(
  backend: Pick<SlackBackend, "chatInstallations">,
): InstallationStore {
  return {
    async storeInstallation(installation) {
      const key = installationKey({
        isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      await backend.chatInstallations.save(PLATFORM, key, installation);
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const key = installationKey(query);
      const data = await backend.chatInstallations.find(PLATFORM, key);
      if (!isInstallation(data)) {
        throw new NoInstallationError(`the app is not installed for ${key}`);
      }
      return data;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await backend.chatInstallations.delete(PLATFORM, installationKey(query));
    },
  };
}

function isInstallation(data: unknown): data is Installation<"v1" | "v2", boolean> {
  return typeof data === "object" && data !== null && ("team" in data || "enterprise" in data);
}
