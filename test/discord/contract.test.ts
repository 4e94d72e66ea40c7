// Contract checks that need no server: the command set, modals, messages and
// cards the adapter builds, against Discord's API description and limits; plus
// the identity, locale and settings rules.
import { ApplicationCommandOptionType, InteractionResponseType } from "discord.js";
import { describe, expect, it } from "vitest";
import {
  buildCommands,
  COMMAND_CHARACTER_BUDGET,
  commandSize,
  CommandShapeError,
  type CommandSource,
} from "../../adapters/discord/commands.ts";
import {
  buttonId,
  decodeCustomId,
  encodeCustomId,
  stashKey,
} from "../../adapters/discord/custom-id.ts";
import {
  buildModal,
  carriedOptions,
  completesInModal,
  modalFields,
  readModal,
} from "../../adapters/discord/modal.ts";
import { registrySource } from "../../adapters/discord/register.ts";
import {
  cardMessage,
  embedSize,
  notificationMessage,
  outcomeMessage,
} from "../../adapters/discord/render.ts";
import { cardActions } from "../../adapters/discord/cards.ts";
import { defineCommand } from "../../src/core/commands/command.ts";
import { localizedSummary } from "../../src/core/commands/localize.ts";
import { opt } from "../../src/core/commands/options.ts";
import { complaintFields } from "../../src/core/complaint/present.ts";
import type { ComplaintView } from "../../src/core/complaint/view.ts";
import { defaultPolicy } from "../../src/core/policy/schema.ts";
import type { Outcome } from "../../src/core/reply/reply.ts";
import { callbackProblems, commandProblems, messageProblems } from "./fake/limits.ts";
import { findOperation, validate } from "./fake/openapi.ts";

import { candidateIds, highestMappedRole } from "../../adapters/discord/identity.ts";
import { chatLocale } from "../../adapters/discord/locale.ts";
import { nonceFor } from "../../adapters/discord/notifier.ts";
import { loadConfig } from "../../src/config/env.ts";
import { ConfigError } from "../../src/config/errors.ts";
const policy = defaultPolicy();
const source = registrySource(policy);

function putProblems(body: unknown): string[] {
  const op = findOperation("PUT", "/applications/1234567890/guilds/2234567890/commands");
  if (!op?.body) throw new Error("PUT guild commands missing from the description");
  return [
    ...validate(op.body, body),
    ...(Array.isArray(body) ? body.flatMap((c, i) => commandProblems(c, `command[${i}]`)) : []),
  ];
}

function callbackCheck(body: unknown): string[] {
  const op = findOperation("POST", "/interactions/1234567890/tok/callback");
  if (!op?.body) throw new Error("interaction callback missing from the description");
  return [...validate(op.body, body), ...callbackProblems(body)];
}

function messageCheck(body: unknown): string[] {
  const op = findOperation("POST", "/channels/1234567890/messages");
  if (!op?.body) throw new Error("channel messages missing from the description");
  return [...validate(op.body, body), ...messageProblems(body)];
}

const view: ComplaintView = {
  number: "TS-2611-0001",
  status: "assigned",
  channel: "hotline",
  complainant: "Wang Li",
  contact: "138****8000",
  contactMasked: true,
  content: "Charged twice for May. ".repeat(300),
  receivedAt: "2026-11-23T02:00:00.000Z",
  place: "Shanghai",
  domestic: true,
  demand: "x".repeat(3000),
  orderRef: null,
  category: null,
  severity: "major",
  department: "billing",
  owner: "amy",
  assignee: "bob",
  repeatOf: null,
  resolution: "y".repeat(3000),
  resolvedAt: null,
  resolvedBy: null,
  callback: { satisfied: null, resolved: null, at: null },
  rehandleCount: 0,
  closedAt: null,
  closeReason: null,
  invalidReason: null,
  version: 3,
  createdAt: "2026-11-23T02:00:00.000Z",
  updatedAt: "2026-11-23T02:05:00.000Z",
} as ComplaintView;

describe("slash commands rendered from the registry", () => {
  const body = buildCommands(source);
  const root = body[0];
  const sub = (name: string) => root?.options?.find((o) => o.name === name);

  it("fit Discord's API description and limits", () => {
    expect(body).toHaveLength(1);
    expect(putProblems(body)).toEqual([]);
  });

  it("has one subcommand per command and a group per two-word command", () => {
    const names = source.commands.map((c) => c.name);
    for (const name of names) {
      const [first, second] = name.split(" ");
      const top = sub(first ?? "");
      expect(top, name).toBeDefined();
      if (second) {
        expect(top?.type).toBe(ApplicationCommandOptionType.SubcommandGroup);
        expect(top && "options" in top ? top.options?.map((o) => o.name) : []).toContain(second);
      } else {
        expect(top?.type).toBe(ApplicationCommandOptionType.Subcommand);
      }
    }
  });

  it("types options: choices, autocomplete for complaints and staff, booleans, modal fields optional", () => {
    // A registry small enough that nothing is traded for Discord's 8000 characters.
    const few: CommandSource = {
      commands: source.commands.filter((c) => ["open", "assign"].includes(c.name)),
      optionSpecs: (c) => source.optionSpecs(c),
    };
    const small = buildCommands(few)[0];
    const sub = (name: string) => small?.options?.find((o) => o.name === name);
    const open = sub("open");
    const opts = open && "options" in open ? (open.options ?? []) : [];
    const byName = Object.fromEntries(
      opts.map((o) => [o.name, o as unknown as Record<string, unknown>]),
    );
    expect(byName.channel?.required).toBe(true);
    expect((byName.channel?.choices as { value: string }[]).map((c) => c.value)).toEqual(
      policy.channels.map((c) => c.id),
    );
    expect(byName.severity?.choices).toHaveLength(4);
    expect(byName.domestic?.type).toBe(ApplicationCommandOptionType.Boolean);
    // Gathered by the modal, so optional on the slash command.
    expect(byName.content?.required).toBe(false);
    expect(byName.name?.required).toBe(false);
    const assign = sub("assign");
    const a = assign && "options" in assign ? (assign.options ?? []) : [];
    expect(a.find((o) => o.name === "id")).toMatchObject({ autocomplete: true, required: true });
    expect(a.find((o) => o.name === "to")).toMatchObject({ autocomplete: true, required: true });
    expect(a.find((o) => o.name === "version")?.type).toBe(ApplicationCommandOptionType.Integer);
  });

  it("stays within 8000 characters by offering long choice lists through autocomplete", () => {
    expect(commandSize(root as never)).toBeLessThanOrEqual(COMMAND_CHARACTER_BUDGET);
    for (const command of source.commands) {
      const path = command.name.split(" ");
      let node: unknown = root;
      for (const w of path)
        node = (node as { options?: { name: string }[] }).options?.find((o) => o.name === w);
      for (const [name, spec] of Object.entries(source.optionSpecs(command))) {
        if (spec.kind !== "choice") continue;
        const o = (node as { options?: Record<string, unknown>[] }).options?.find(
          (x) => x.name === name,
        );
        // Every choice option offers its values one way or the other.
        expect(Boolean(o?.choices) || o?.autocomplete === true, `${command.name} ${name}`).toBe(
          true,
        );
      }
    }
  });

  it("describes commands and options in Chinese too, counting only the longest version", () => {
    expect(root?.description_localizations?.["zh-CN"]).toBe(
      "客户投诉：登记、分派、答复、回访、结案",
    );
    const open = sub("open");
    expect(open?.description_localizations?.["zh-CN"]).toBe(
      localizedSummary(
        source.commands.find((c) => c.name === "open")!,
        "zh-CN",
      ),
    );
    const opts = open && "options" in open ? (open.options ?? []) : [];
    const contact = opts.find((o) => o.name === "contact");
    expect(contact?.description_localizations?.["zh-CN"]).toMatch(/[\u4e00-\u9fff]/);
    // Every subcommand, those in groups (staff add, dnc list …) too, reads Chinese.
    type Node = {
      name: string;
      type: ApplicationCommandOptionType;
      description: string;
      description_localizations?: Partial<Record<string, string | null>> | null;
      options?: Node[];
    };
    const subcommands = ((root?.options ?? []) as Node[]).flatMap((o) =>
      o.type === ApplicationCommandOptionType.SubcommandGroup
        ? (o.options ?? []).map((s) => ({ ...s, name: `${o.name} ${s.name}` }))
        : [o],
    );
    expect(subcommands.map((s) => s.name).sort()).toEqual(
      source.commands.map((c) => c.name).sort(),
    );
    const untranslated = subcommands.filter(
      (s) =>
        !s.description_localizations?.["zh-CN"] ||
        s.description_localizations["zh-CN"] === s.description,
    );
    expect(untranslated.map((s) => s.name)).toEqual([]);
    expect(
      commandSize({
        name: "x",
        description: "abc",
        description_localizations: { "zh-CN": "一二三四五" },
      }),
    ).toBe(1 + 5);
    expect(
      commandSize({
        name: "x",
        description: "abcdef",
        description_localizations: { "zh-CN": "一二" },
      }),
    ).toBe(1 + 6);
  });

  it("falls back to autocomplete past 25 choices", () => {
    const many = {
      ...policy,
      channels: Array.from({ length: 30 }, (_, i) => ({ ...policy.channels[0]!, id: `ch${i}` })),
    };
    const open = buildCommands(registrySource(many))[0]?.options?.find((o) => o.name === "open");
    const channel = (open && "options" in open ? open.options : [])?.find(
      (o) => o.name === "channel",
    );
    expect(channel).toMatchObject({ autocomplete: true });
    expect(channel && "choices" in channel ? channel.choices : undefined).toBeUndefined();
    expect(putProblems(buildCommands(registrySource(many)))).toEqual([]);
  });

  it("refuses a core name Discord would refuse, instead of renaming it", () => {
    const bad: CommandSource = {
      commands: [
        defineCommand({
          name: "open",
          summary: "x",
          permission: { minRole: "agent", scope: "any" },
          examples: [],
          options: () => ({ Content: opt.text({ help: "x", required: false, max: 10 }) }),
          handler: () => Promise.resolve({ text: "" }),
        }),
      ],
      optionSpecs: (c) => c.options(policy),
    };
    expect(() => buildCommands(bad)).toThrow(CommandShapeError);
  });

  it("the checks can fail: 26 choices, a long description, bad names, required after optional", () => {
    const broken = structuredClone(body);
    const open = broken[0]?.options?.find((o) => o.name === "open") as unknown as {
      description: string;
      options: Record<string, unknown>[];
    };
    open.description = "d".repeat(101);
    open.options[0]!.choices = Array.from({ length: 26 }, (_, i) => ({
      name: `c${i}`,
      value: `c${i}`,
    }));
    open.options.push({ type: 3, name: "Bad Name", description: "x", required: true });
    const problems = putProblems(broken).join("\n");
    expect(problems).toMatch(/26 items, more than 25/);
    expect(problems).toMatch(/101 characters, more than 100/);
    expect(problems).toMatch(/Bad Name/);
    expect(problems).toMatch(/required option after an optional one/);
  });
});

describe("modals", () => {
  const open = source.commands.find((c) => c.name === "open")!;
  const specs = source.optionSpecs(open);

  it("gather long text and required free text, at most five", () => {
    expect(modalFields(specs)).toEqual(["name", "contact", "content", "demand"]);
    const resolve = source.commands.find((c) => c.name === "resolve")!;
    expect(modalFields(source.optionSpecs(resolve))).toContain("result");
    const assign = source.commands.find((c) => c.name === "assign")!;
    expect(modalFields(source.optionSpecs(assign))).toEqual([]);
  });

  it("carry the other options in the custom_id and fit the callback schema", () => {
    const invocation = { words: ["open"], options: { channel: "hotline", name: "Wang" } };
    const carried = carriedOptions(specs, invocation);
    expect(carried).toEqual({ words: ["open"], options: { channel: "hotline" } });
    const id = encodeCustomId("m", carried);
    expect(id).toBe("m:open channel:hotline");
    const modal = buildModal(specs, invocation, "complaint open", id ?? "");
    expect(decodeCustomId(modal.custom_id)).toEqual({ kind: "m", invocation: carried });
    expect(callbackCheck({ type: InteractionResponseType.Modal, data: modal })).toEqual([]);
    const values = readModal({
      custom_id: modal.custom_id,
      components: [
        { type: 18, id: 1, component: { type: 4, id: 2, custom_id: "name", value: "Wang Li" } },
        { type: 1, id: 3, components: [{ type: 4, id: 4, custom_id: "content", value: "Broken" }] },
        { type: 18, id: 5, component: { type: 4, id: 6, custom_id: "demand", value: "  " } },
      ],
    });
    expect(values).toEqual({ name: "Wang Li", content: "Broken" });
  });

  it("cannot carry options past 100 characters in the custom_id (they are stashed instead)", () => {
    const carried = { words: ["open"], options: { channel: "hotline", place: "p".repeat(120) } };
    expect(encodeCustomId("m", carried)).toBeNull();
    expect(stashKey("f:AAAAAAAAAAAAAAAAAAAAAA")).toBe("AAAAAAAAAAAAAAAAAAAAAA");
    expect(stashKey("m:open")).toBeNull();
  });

  it("lets a button finish its command only if the rest fits the modal", () => {
    expect(completesInModal(specs, { channel: "hotline" })).toBe(true);
    expect(completesInModal(specs, {})).toBe(false);
  });
});

describe("messages", () => {
  it("render a long complaint within embed limits and the message schema", () => {
    const outcome: Outcome = {
      ok: true,
      text: "Opened TS-2611-0001",
      title: "TS-2611-0001 opened",
      complaint: view,
      fields: complaintFields(view, "Asia/Shanghai"),
      sections: [
        {
          heading: "History",
          lines: Array.from({ length: 200 }, (_, i) => `line ${i} `.repeat(5)),
        },
      ],
      actions: Array.from({ length: 30 }, (_, i) => ({
        id: `a${i}`,
        label: `Action ${i}`,
        command: `complaint note id:TS-2611-0001 text:n${i}`,
      })),
    };
    const message = outcomeMessage(outcome);
    expect(message.body.embeds?.[0] && embedSize(message.body.embeds[0])).toBeLessThanOrEqual(6000);
    expect(message.body.components).toHaveLength(5);
    expect(messageCheck(message.body)).toEqual([]);
    expect(callbackCheck({ type: 4, data: { ...message.body, flags: 64 } })).toEqual([]);
  });

  it("turn a command too long for a custom_id into text to type", () => {
    const long = `complaint note id:TS-2611-0001 text:"${"w".repeat(120)}"`;
    expect(buttonId(long)).toBeNull();
    const message = outcomeMessage({
      ok: true,
      text: "x",
      actions: [{ id: "n", label: "Note", command: long }],
    });
    expect(message.body.components).toEqual([]);
    expect(message.body.embeds?.[0]?.description).toContain(long);
  });

  it("render errors as text naming every bad option", () => {
    const message = outcomeMessage({
      ok: false,
      text: "E_VALIDATION: two problems",
      error: {
        code: "E_VALIDATION",
        message: "two problems",
        details: { fields: { name: "missing", contact: "bad" } },
      },
    });
    expect(message.body.content).toContain("`contact`: bad");
    expect(messageCheck(message.body)).toEqual([]);
  });

  it("render the card and notifications with buttons", () => {
    const card = cardMessage(
      view,
      complaintFields(view, "Asia/Shanghai"),
      cardActions(view, "en"),
      "assigned",
    );
    expect(messageCheck(card.body)).toEqual([]);
    const buttons = card.body.components?.[0] as { components: { custom_id: string }[] };
    expect(buttons.components.map((b) => b.custom_id)).toEqual([
      "c:show id:TS-2611-0001",
      "c:note id:TS-2611-0001",
      "c:resolve id:TS-2611-0001",
    ]);
    const dm = notificationMessage({
      kind: "dm",
      to: "carol",
      text: "Approve compensation CP-2611-0001 of 1200.00 for TS-2611-0001?",
      key: "1:dm:carol",
      urgent: true,
      actions: [
        {
          id: "approve",
          label: "Approve",
          command: "complaint approve id:CP-2611-0001",
          style: "primary",
        },
        {
          id: "reject",
          label: "Reject",
          command: "complaint approve id:CP-2611-0001 decision:reject",
          style: "danger",
        },
      ],
    });
    expect(messageCheck(dm.body)).toEqual([]);
    expect(dm.body.content?.startsWith("🚨")).toBe(true);
  });

  it("the checks can fail: 6 buttons in a row, 6001 embed characters, duplicate custom_ids", () => {
    const row = {
      type: 1,
      components: Array.from({ length: 6 }, (_, i) => ({
        type: 2,
        style: 1,
        label: "x",
        custom_id: `b${i % 5}`,
      })),
    };
    const problems = messageCheck({
      embeds: [
        {
          title: "t",
          description: "d".repeat(4000),
          fields: [
            { name: "n", value: "v".repeat(1000) },
            { name: "n", value: "v".repeat(1000) },
          ],
        },
      ],
      components: [row],
    }).join("\n");
    expect(problems).toMatch(/6 items, more than 5/);
    expect(problems).toMatch(/more than 6000/);
    expect(problems).toMatch(/duplicate custom_id/);
    expect(
      validate({ $ref: "#/components/schemas/MessageCreateRequest" }, { ephemeral: true }).join(),
    ).toMatch(/not a field Discord knows/);
  });
});

describe("Discord identity and settings", () => {
  it("gives a new member a valid staff id from their username, never a bare collision", () => {
    expect(candidateIds({ id: "1000000000000004242", username: "Dan.Zhou" })).toEqual([
      "dan.zhou",
      "dan.zhou-4242",
      "dan.zhou-1000000000000004242",
      "discord-1000000000000004242",
    ]);
    expect(candidateIds({ id: "1000000000000004242", username: "__王__" })).toEqual([
      "discord-1000000000000004242",
    ]);
  });

  it("takes the highest mapped role a member holds", () => {
    const map = {
      "11": { role: "agent", department: null },
      "22": { role: "dept-manager", department: "billing" },
      "33": { role: "handler", department: "billing" },
    } as const;
    expect(highestMappedRole(map, ["33", "22", "99"])).toEqual({
      roleId: "22",
      role: "dept-manager",
      department: "billing",
    });
    expect(highestMappedRole(map, ["99"])).toBeNull();
  });

  it("reads the member's language from the interaction", () => {
    expect(chatLocale("zh-CN")).toBe("zh-CN");
    expect(chatLocale("zh-TW")).toBe("zh-CN");
    expect(chatLocale("en-GB")).toBe("en");
    expect(chatLocale(undefined)).toBe("en");
  });

  it("derives a stable nonce of at most 25 characters from a notification key", () => {
    expect(nonceFor("123:dm:bob")).toBe(nonceFor("123:dm:bob"));
    expect(nonceFor("123:dm:bob")).not.toBe(nonceFor("124:dm:bob"));
    expect(nonceFor("x".repeat(500)).length).toBeLessThanOrEqual(25);
  });

  it("refuses a Discord role mapped to admin, bad ids and settings that do not fit together", () => {
    const bad = () =>
      loadConfig({
        DISCORD_TOKEN: "t",
        DISCORD_ROLES: "1234567890=admin,12=handler,1234567890=boss",
        DISCORD_CHANNELS: "billing=C0123",
        DISCORD_PUBLIC_KEY: "abc",
      });
    expect(bad).toThrow(ConfigError);
    const message = (() => {
      try {
        bad();
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain("DISCORD_ROLES");
    expect(message).toContain("never by a Discord role");
    expect(message).toContain("DISCORD_CHANNELS");
    expect(message).toContain("DISCORD_PUBLIC_KEY");
    expect(() => loadConfig({ DISCORD_TOKEN: "t" })).toThrow(/DISCORD_APP_ID/);
    expect(() => loadConfig({ DISCORD_HTTP_PORT: "8081" })).toThrow(/DISCORD_PUBLIC_KEY/);
    expect(() =>
      loadConfig({ DISCORD_TOKEN: "t", DISCORD_APP_ID: "1234567890", DISCORD_GATEWAY: "off" }),
    ).toThrow(/DISCORD_HTTP_PORT/);
  });
});
