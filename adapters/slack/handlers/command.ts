import type { App as BoltApp } from "@slack/bolt";
import { plainMessage, renderOutcome } from "../blocks.ts";
import { commandKey } from "../dedupe.ts";
import { limits } from "../limits.ts";
import { commandForm } from "../modal.ts";
import { commandOf, planLine, unescapeSlackText } from "../plan.ts";
import { chromeFor } from "../text.ts";
import { withRetries } from "../web-api.ts";
import { afterChange, deliverAttachment, type HandlerDeps } from "./deps.ts";

export const SLASH_COMMAND = "/complaint";

/**
 * `/complaint` alone opens the intake form; `/complaint <command> …` takes
 * the console's grammar, and a command that only lacks required options
 * opens a form for them. Acked at once; identity, dedupe and the command run
 * after the ack.
 */
export function registerSlashCommand(bolt: BoltApp, deps: HandlerDeps): void {
  const { backend, identity, logger } = deps;
  bolt.command(SLASH_COMMAND, async ({ command, ack, respond, client, context }) => {
    await ack();
    deps.onAck?.("command");
    const text = unescapeSlackText(command.text ?? "").trim();
    const line = `complaint ${text === "" ? "open" : text}`;
    const chrome = chromeFor(backend.engine.policy.locale);
    try {
      const plan = planLine(backend.engine, line, { strict: text !== "" });
      if (plan.kind === "form") {
        // A retry of a form-opening command would only fail on the spent trigger_id.
        if ((context.retryNum ?? 0) > 0) return;
        await withRetries(
          "views.open",
          () =>
            client.views.open({
              trigger_id: command.trigger_id,
              view: commandForm({
                title:
                  plan.words[0] === "open" ? "New complaint" : `complaint ${plan.words.join(" ")}`,
                specs: plan.specs,
                state: { words: plan.words, given: plan.given, channel: command.channel_id },
                chrome,
              }),
            }),
          { attempts: 1, maxWaitMs: 0 },
        );
        return;
      }
      if (!(await backend.inbound.once(commandKey(command.team_id, command.trigger_id)))) {
        logger.info({ retry: context.retryNum }, "repeated /complaint delivery ignored");
        return;
      }
      const person = await identity.person(client, command.user_id);
      if (!person) {
        await respond({
          response_type: "ephemeral",
          ...plainMessage(chrome.unknownUser(command.user_id)),
        });
        return;
      }
      const personal = chromeFor(person.locale);
      const outcome = await backend.engine.execute(line, person.staffId);
      await respond({
        response_type: "ephemeral",
        ...renderOutcome(outcome, { chrome: personal, maxBlocks: limits.messageBlocks }),
      });
      await afterChange(deps, client, commandOf(backend.engine, line), outcome, command.user_id);
      await deliverAttachment(deps, client, command.user_id, outcome);
    } catch (error) {
      logger.error({ err: error }, "/complaint failed after the ack");
      await respond({
        response_type: "ephemeral",
        text: chrome.internalError,
      }).catch(() => undefined);
    }
  });
}
