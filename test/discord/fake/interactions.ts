// Interaction payloads as Discord sends them (gateway INTERACTION_CREATE
// data and HTTP interaction bodies are the same objects).
import { randomBytes } from "node:crypto";

export const APP_ID = "1100000000000000001";
export const GUILD_ID = "1100000000000000002";
export const CHANNEL_ID = "1100000000000000003";
const COMMAND_ID = "1100000000000000004";

let counter = 1_200_000_000_000_000_000n;
export const snowflake = () => (++counter).toString();

export interface Member {
  id: string;
  username: string;
  roles?: string[];
  locale?: string;
}

type Value = string | number | boolean;

function base(type: number, who: Member) {
  return {
    id: snowflake(),
    application_id: APP_ID,
    type,
    token: `itok-${randomBytes(12).toString("hex")}`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: "complaints", flags: 0 },
    member: {
      user: {
        id: who.id,
        username: who.username,
        discriminator: "0",
        global_name: who.username,
        avatar: null,
      },
      roles: who.roles ?? [],
      joined_at: "2026-01-01T00:00:00.000Z",
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      premium_since: null,
      pending: false,
      permissions: "0",
    },
    locale: who.locale ?? "en-US",
    guild_locale: "en-US",
    app_permissions: "0",
    entitlements: [],
    authorizing_integration_owners: { "0": GUILD_ID },
    context: 0,
    attachment_size_limit: 8_388_608,
  };
}

const optionType = (v: Value) => (typeof v === "boolean" ? 5 : typeof v === "number" ? 4 : 3);

function nest(words: string[], leaf: Record<string, unknown>[]): Record<string, unknown>[] {
  if (words.length === 0) return leaf;
  const [first, ...rest] = words;
  return [{ type: rest.length > 0 ? 2 : 1, name: first, options: nest(rest, leaf) }];
}

/** `/complaint <words> name:value …` */
export function slash(who: Member, words: string[], options: Record<string, Value> = {}) {
  const leaf = Object.entries(options).map(([name, value]) => ({
    type: optionType(value),
    name,
    value,
  }));
  return {
    ...base(2, who),
    data: {
      id: COMMAND_ID,
      name: "complaint",
      type: 1,
      guild_id: GUILD_ID,
      options: nest(words, leaf),
    },
  };
}

/** The member is typing `focused` (so far: `value`). */
export function autocomplete(
  who: Member,
  words: string[],
  focused: string,
  value: string,
  others: Record<string, Value> = {},
) {
  const leaf = [
    ...Object.entries(others).map(([name, v]) => ({ type: optionType(v), name, value: v })),
    { type: 3, name: focused, value, focused: true },
  ];
  return {
    ...base(4, who),
    data: {
      id: COMMAND_ID,
      name: "complaint",
      type: 1,
      guild_id: GUILD_ID,
      options: nest(words, leaf),
    },
  };
}

/** A button press on a message the bot sent. */
export function button(who: Member, customId: string, messageId = snowflake()) {
  return {
    ...base(3, who),
    message: {
      id: messageId,
      channel_id: CHANNEL_ID,
      type: 0,
      content: "",
      embeds: [],
      components: [],
      attachments: [],
      author: {
        id: "900000000000000001",
        username: "complaint-desk",
        discriminator: "0",
        bot: true,
        avatar: null,
        global_name: null,
      },
      timestamp: "2026-11-23T02:00:00.000Z",
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      flags: 0,
    },
    data: { custom_id: customId, component_type: 2 },
  };
}

/** A modal submitted with `values` typed into its inputs (label layout). */
export function modalSubmit(who: Member, customId: string, values: Record<string, string>) {
  let id = 0;
  return {
    ...base(5, who),
    data: {
      custom_id: customId,
      components: Object.entries(values).map(([name, value]) => ({
        type: 18,
        id: ++id,
        component: { type: 4, id: ++id, custom_id: name, value },
      })),
    },
  };
}
