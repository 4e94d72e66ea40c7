import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import {
  ApplicationCommandType,
  DiscordAPIError,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIInteraction,
  type APIInteractionResponse,
  type REST,
} from "discord.js";
import type { App } from "../../src/app.ts";
import type { DiscordConfig } from "../../src/config/env.ts";
import { isComplaintError } from "../../src/core/errors.ts";
import type { Logger } from "../../src/logging.ts";
import { AUTOCOMPLETE_BUDGET_MS, focusedOption, suggest, within } from "./autocomplete.ts";
import type { CardKeeper } from "./cards.ts";
import { readInvocation, ROOT_COMMAND } from "./commands.ts";
import { decodeCustomId, encodeCustomId, stashKey, type Invocation } from "./custom-id.ts";
import { identify } from "./identity.ts";
import { chatLocale, type ChatLocale } from "./locale.ts";
import { t } from "./messages.ts";
import { buildModal, carriedOptions, needsModal, readModal } from "./modal.ts";
import { withReplyFiles } from "./files.ts";
import { errorMessage, outcomeMessage, textMessage, type DiscordMessage } from "./render.ts";

/**
 * Gives an interaction its first answer, which Discord wants within 3 s:
 * over the gateway a REST callback, over HTTP the HTTP response itself.
 */
export interface Responder {
  initial(response: APIInteractionResponse): Promise<void>;
}

export type HandlerApp = Pick<
  App,
  "engine" | "policy" | "resolveStaff" | "chat" | "chatMessages" | "complaintSummary"
>;

export interface InteractionHandlerOptions {
  app: HandlerApp;
  /** The bot's REST client: follow-ups and edits of the deferred reply. */
  rest: REST;
  roles: DiscordConfig["roles"];
  cards: CardKeeper;
  logger: Logger;
  /** A second press of the same button by the same member within this window is ignored. */
  doubleClickWindowMs?: number;
  /** Told how long each first answer took after the interaction arrived (metrics, tests). */
  onAnswered?: (kind: AnswerKind, ms: number) => void;
}

export type AnswerKind = "pong" | "reply" | "defer" | "modal" | "autocomplete";

const ephemeral = MessageFlags.Ephemeral;
/** A modal left open longer than an interaction token lives (15 min) cannot answer anyway. */
const FORM_MAX_AGE_MS = 60 * 60_000;

/** Discord's "Interaction has already been acknowledged" (JSON error code 40060). */
const ALREADY_ACKNOWLEDGED = 40060;
const alreadyAcknowledged = (error: unknown): boolean =>
  error instanceof DiscordAPIError && error.code === ALREADY_ACKNOWLEDGED;

const userOf = (i: APIInteraction): string => i.member?.user.id ?? i.user?.id ?? "?";

/**
 * One path for the gateway and the HTTP endpoint: every interaction is
 * answered first (a defer, a modal, or choices), then worked on. Replies go
 * only to the member who asked (errors included); what the team sees is the
 * complaint's card and its thread.
 */
export class InteractionHandler {
  private readonly windowMs: number;

  constructor(private readonly options: InteractionHandlerOptions) {
    this.windowMs = options.doubleClickWindowMs ?? 5_000;
  }

  /** Never throws: a failure is logged and told to the member. */
  async handle(interaction: APIInteraction, responder: Responder): Promise<void> {
    const started = performance.now();
    let answered = false;
    const answer = async (kind: AnswerKind, response: APIInteractionResponse) => {
      await responder.initial(response);
      // Only once Discord took it: a refused acknowledgement leaves nothing to edit.
      answered = true;
      this.options.onAnswered?.(kind, performance.now() - started);
    };
    const locale = chatLocale("locale" in interaction ? interaction.locale : undefined);
    try {
      await this.dispatch(interaction, answer, locale);
    } catch (error) {
      if (alreadyAcknowledged(error)) {
        // A replay of an interaction another delivery answered: that one does
        // the work and owns the member's answer, so this one stops untouched.
        this.options.logger.info(
          { interaction: interaction.id },
          "discord: interaction already acknowledged elsewhere; ignored",
        );
        return;
      }
      this.options.logger.error(
        { err: error, interaction: interaction.id, type: interaction.type },
        "discord: interaction failed",
      );
      const message = errorMessage(t(locale, "internal"));
      if (!answered) {
        await answer("reply", {
          type: InteractionResponseType.ChannelMessageWithSource,
          data: { ...message.body, flags: ephemeral },
        }).catch(() => {});
      } else if (interaction.type !== InteractionType.ApplicationCommandAutocomplete) {
        await this.edit(interaction, message).catch(() => {});
      }
    }
  }

  private async dispatch(
    i: APIInteraction,
    answer: (kind: AnswerKind, r: APIInteractionResponse) => Promise<void>,
    locale: ChatLocale,
  ): Promise<void> {
    const reply = (message: DiscordMessage) =>
      answer("reply", {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { ...message.body, flags: ephemeral },
      });
    switch (i.type) {
      case InteractionType.Ping:
        return answer("pong", { type: InteractionResponseType.Pong });
      case InteractionType.ApplicationCommandAutocomplete: {
        const choices = await this.autocomplete(i, locale).catch((error: unknown) => {
          this.options.logger.warn({ err: error }, "discord: autocomplete failed");
          return [];
        });
        return answer("autocomplete", {
          type: InteractionResponseType.ApplicationCommandAutocompleteResult,
          data: { choices },
        });
      }
      case InteractionType.ApplicationCommand: {
        if (i.data.type !== ApplicationCommandType.ChatInput || i.data.name !== ROOT_COMMAND) {
          return reply(textMessage(t(locale, "unknownButton")));
        }
        return this.invoke(i, readInvocation(i.data), { answer, reply, locale, clickKey: null });
      }
      case InteractionType.MessageComponent: {
        const decoded = decodeCustomId(i.data.custom_id);
        if (decoded?.kind !== "c") return reply(textMessage(t(locale, "unknownButton")));
        const clickKey = `discord:click:${i.message.id}:${userOf(i)}:${i.data.custom_id}`;
        return this.invoke(i, decoded.invocation, { answer, reply, locale, clickKey });
      }
      case InteractionType.ModalSubmit: {
        const carried = await this.carried(i.data.custom_id, i);
        if (!carried) return reply(textMessage(t(locale, "unknownButton")));
        const invocation: Invocation = {
          words: carried.words,
          options: { ...carried.options, ...readModal(i.data) },
        };
        return this.invoke(i, invocation, {
          answer,
          reply,
          locale,
          clickKey: null,
          submitted: true,
        });
      }
      default:
        return;
    }
  }

  private async invoke(
    i: APIInteraction,
    invocation: Invocation,
    ctx: {
      answer: (kind: AnswerKind, r: APIInteractionResponse) => Promise<void>;
      reply: (m: DiscordMessage) => Promise<void>;
      locale: ChatLocale;
      clickKey: string | null;
      submitted?: boolean;
    },
  ): Promise<void> {
    const { app, logger } = this.options;
    let resolved;
    try {
      resolved = app.engine.resolve(invocation.words);
    } catch (error) {
      if (!isComplaintError(error)) throw error;
      return ctx.reply(errorMessage(`${error.code}: ${error.message}`));
    }
    // A modal must be the first answer: it is shown at once, with at most
    // one quick write when its options do not fit in its custom_id.
    if (!ctx.submitted && needsModal(resolved.specs, invocation.options)) {
      const carried = carriedOptions(resolved.specs, invocation);
      let customId = encodeCustomId("m", carried);
      if (!customId) {
        const key = randomBytes(16).toString("base64url");
        // The member's id in the key: nobody else's submission can take it.
        await app.chat.stashForm(`discord:form:${userOf(i)}:${key}`, { ...carried });
        customId = `f:${key}`;
      }
      return ctx.answer("modal", {
        type: InteractionResponseType.Modal,
        data: buildModal(
          resolved.specs,
          invocation,
          `complaint ${resolved.command.name}`,
          customId,
        ),
      });
    }
    await ctx.answer("defer", {
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: ephemeral },
    });
    if (ctx.clickKey && !(await app.chat.claimInboundKey(ctx.clickKey, this.windowMs))) {
      return this.edit(i, textMessage(t(ctx.locale, "duplicateClick")));
    }
    const who = await identify(app, this.options.roles, i, ctx.locale);
    if (!who.ok) return this.edit(i, errorMessage(who.message));
    const outcome = await app.engine.run(invocation.words, invocation.options, who.staffId, {
      locale: ctx.locale,
    });
    await this.edit(i, await withReplyFiles(outcomeMessage(outcome), outcome));
    if (outcome.ok && outcome.complaint) {
      await this.options.cards
        .sync({
          number: outcome.complaint.number,
          actorId: who.staffId,
          text: resolved.command.name === "show" ? null : outcome.text,
          fallbackChannel: i.guild_id ? (i.channel?.id ?? null) : null,
        })
        .catch((error: unknown) =>
          logger.warn(
            { err: error, complaint: outcome.complaint?.number },
            "discord: card update failed",
          ),
        );
    }
  }

  /** What a submitted modal carries: inline in its custom_id, or stashed (for this member only). */
  private async carried(customId: string, i: APIInteraction): Promise<Invocation | null> {
    const decoded = decodeCustomId(customId);
    if (decoded) return decoded.kind === "m" ? decoded.invocation : null;
    const key = stashKey(customId);
    if (!key) return null;
    const data = await this.options.app.chat.takeForm(
      `discord:form:${userOf(i)}:${key}`,
      FORM_MAX_AGE_MS,
    );
    if (!data || !Array.isArray(data.words)) return null;
    const options = (data.options ?? {}) as Record<string, unknown>;
    return {
      words: data.words.filter((w): w is string => typeof w === "string"),
      options: Object.fromEntries(
        Object.entries(options).filter((e): e is [string, string] => typeof e[1] === "string"),
      ),
    };
  }

  private async autocomplete(i: APIInteraction, locale: ChatLocale) {
    if (i.type !== InteractionType.ApplicationCommandAutocomplete) return [];
    const focused = focusedOption(i.data);
    if (!focused) return [];
    const { app } = this.options;
    const work = (async () => {
      // Suggestions show complaint excerpts and staff names: staff only.
      const who = await identify(app, this.options.roles, i, locale, { provision: false });
      if (!who.ok) return [];
      const { specs } = app.engine.resolve(focused.words);
      return suggest(app, specs, focused);
    })();
    return within(AUTOCOMPLETE_BUDGET_MS, work, []);
  }

  /** Replaces the deferred answer. */
  private async edit(i: APIInteraction, message: DiscordMessage): Promise<void> {
    await this.options.rest.patch(Routes.webhookMessage(i.application_id, i.token), {
      body: message.body,
      ...(message.files ? { files: message.files } : {}),
      auth: false,
    });
  }
}

/** Over the gateway, the first answer is a REST call to the interaction callback. */
export function callbackResponder(rest: REST, interaction: APIInteraction): Responder {
  return {
    async initial(response) {
      await rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: response,
        auth: false,
      });
    },
  };
}
