import type { APIInteraction, APIUser } from "discord.js";
import type { App } from "../../src/app.ts";
import type { DiscordConfig } from "../../src/config/env.ts";
import { roleAtLeast, type Role } from "../../src/core/staff/role.ts";
import type { ChatLocale } from "./locale.ts";
import { t } from "./messages.ts";

/**
 * Who a Discord member is in the staff directory.
 *
 * The directory is the one source of truth for permissions: a member linked
 * to a staff record (`complaint staff link … platform:discord`) acts with that
 * record's role, whatever Discord roles they hold, so nobody's permissions
 * change silently when a Discord role is edited. DISCORD_ROLES only admits
 * members the directory does not know yet: an unlinked member holding a
 * mapped role gets a staff record with that role (the highest if several;
 * never admin) and the mapped department, linked to their account and
 * audited as `staff.added` by `system`. Later role changes go through
 * `complaint staff role`. A member with neither link nor mapped role is told
 * how to get access; a deactivated record is refused, never re-created.
 */
export type Identity = { ok: true; staffId: string } | { ok: false; message: string };

export type IdentityApp = Pick<App, "resolveStaff" | "chat">;

export async function identify(
  app: IdentityApp,
  roleMap: DiscordConfig["roles"],
  interaction: APIInteraction,
  locale: ChatLocale,
  options: { provision: boolean } = { provision: true },
): Promise<Identity> {
  const user = interaction.member?.user ?? interaction.user;
  if (!user) return { ok: false, message: t(locale, "notStaff", "?", "") };
  const linked = await app.resolveStaff("discord", user.id);
  if (linked) return { ok: true, staffId: linked };
  const mapped = highestMappedRole(roleMap, interaction.member?.roles ?? []);
  const mention = Object.keys(roleMap)
    .map((id) => `<@&${id}>`)
    .join(", ");
  if (!mapped) return { ok: false, message: t(locale, "notStaff", user.id, mention) };
  if (!options.provision) return { ok: false, message: t(locale, "notStaff", user.id, mention) };
  const result = await app.chat.provisionStaff({
    platform: "discord",
    externalId: user.id,
    candidateIds: candidateIds(user),
    name: interaction.member?.nick ?? user.global_name ?? user.username,
    role: mapped.role,
    departmentId: mapped.department,
    via: `discord role ${mapped.roleId}`,
  });
  if ("staffId" in result) return { ok: true, staffId: result.staffId };
  return {
    ok: false,
    message: result.refused === "inactive" ? t(locale, "inactive") : t(locale, "noFreeId"),
  };
}

type Mapped = { roleId: string; role: Exclude<Role, "admin">; department: string | null };

export function highestMappedRole(
  roleMap: DiscordConfig["roles"],
  memberRoles: readonly string[],
): Mapped | null {
  let best: Mapped | null = null;
  for (const roleId of memberRoles) {
    const m = roleMap[roleId];
    if (m && (!best || !roleAtLeast(best.role, m.role))) best = { roleId, ...m };
  }
  return best;
}

/**
 * Staff ids to try for a new member: their Discord username made a valid
 * staff id, then with the end of their user id, then the user id itself.
 * Never an existing person's id: the store takes the first free one.
 */
export function candidateIds(user: Pick<APIUser, "id" | "username">): string[] {
  const base = user.username
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 48)
    .replace(/[-._]+$/, "");
  const ids = base ? [base, `${base}-${user.id.slice(-4)}`, `${base}-${user.id}`] : [];
  ids.push(`discord-${user.id}`);
  return ids.map((id) => id.slice(0, 64));
}
