import type { App as BoltApp, BlockAction, ButtonAction, types, webApi } from "@slack/bolt";
import type { Outcome } from "../../../src/core/reply/reply.ts";
import {
  RUN_ACTION_PREFIX,
  context,
  escape,
  plainMessage,
  renderOutcome,
  section,
} from "../blocks.ts";
import { clickKey } from "../dedupe.ts";
import { buildHome } from "../home.ts";
import { clamp, limits } from "../limits.ts";
import { commandForm, messageModal } from "../modal.ts";
import { bindActor, commandOf, planLine } from "../plan.ts";
import { chromeFor, type Chrome } from "../text.ts";
import { withRetries } from "../web-api.ts";
import { afterChange, deliverAttachment, type HandlerDeps } from "./deps.ts";

const ONCE = { attempts: 1, maxWaitMs: 0 };

/**
 * A button that runs a command line (card buttons, reply actions, Approve /
 * Reject in a DM, Show on the Home tab), as the person who pressed it.
 * Acked at once. A line that lacks required options opens a form for them
 * (the trigger_id is spent at once); otherwise the line runs and the result
 * goes where the button was: an ephemeral reply in a channel, the DM itself,
 * or a modal over the Home tab.
 */
export function registerButtons(bolt: BoltApp, deps: HandlerDeps): void {
  const { backend, identity, logger } = deps;
  bolt.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: new RegExp(`^${RUN_ACTION_PREFIX}`) },
    async ({ ack, body, action, client, respond }) => {
      await ack();
      deps.onAck?.("button");
      const line = action.value ?? "";
      const label = clamp(action.text.text, limits.viewTitle);
      const chrome = chromeFor(backend.engine.policy.locale);
      const onHome = body.view?.type === "home";
      let modalId: string | undefined;
      const show = async (outcome: Outcome | string, personal: Chrome) => {
        const payload =
          typeof outcome === "string"
            ? plainMessage(outcome)
            : renderOutcome(outcome, {
                chrome: personal,
                maxBlocks: modalId ? limits.viewBlocks : limits.messageBlocks,
              });
        if (modalId) {
          const id = modalId;
          await withRetries(
            "views.update",
            () =>
              client.views.update({ view_id: id, view: messageModal(label, payload, personal) }),
            deps.retry,
          );
        } else {
          await respond({ response_type: "ephemeral", replace_original: false, ...payload });
        }
      };
      try {
        const plan = planLine(backend.engine, line, { strict: false });
        if (plan.kind === "form") {
          await withRetries(
            "views.open",
            () =>
              client.views.open({
                trigger_id: body.trigger_id,
                view: commandForm({
                  title: label,
                  specs: plan.specs,
                  state: { words: plan.words, given: plan.given, channel: body.channel?.id },
                  chrome,
                }),
              }),
            ONCE,
          );
          return;
        }
        if (onHome) {
          // The Home tab has no place for a reply; a modal does, and the trigger is fresh now.
          const opened = await withRetries(
            "views.open",
            () =>
              client.views.open({
                trigger_id: body.trigger_id,
                view: messageModal(
                  label,
                  { text: "", blocks: [section(chrome.modalWorking)] },
                  chrome,
                ),
              }),
            ONCE,
          );
          modalId = opened.view?.id;
        }
        const container = String(body.container["message_ts"] ?? body.view?.id ?? "-");
        const key = clickKey(body.team?.id, container, action.action_id, line, body.user.id);
        if (!(await backend.inbound.once(key))) {
          await show(chrome.alreadyHandled, chrome);
          return;
        }
        const person = await identity.person(client, body.user.id);
        if (!person) {
          await backend.inbound.forget(key);
          await show(chrome.unknownUser(body.user.id), chrome);
          return;
        }
        const personal = chromeFor(person.locale);
        const bound = bindActor(line, person.staffId);
        const outcome = await backend.engine.execute(bound, person.staffId);
        // A failed press changed nothing; the same button may be pressed again once fixed.
        if (!outcome.ok) await backend.inbound.forget(key);
        if (outcome.ok && isDirectMessage(body)) await settleDirectMessage(respond, body, outcome);
        else await show(outcome, personal);
        await afterChange(deps, client, commandOf(backend.engine, bound), outcome, body.user.id);
        await deliverAttachment(deps, client, body.user.id, outcome);
        if (onHome) await publishHome(deps, client, body.user.id, person.staffId, personal);
      } catch (error) {
        logger.error({ err: error }, "button failed after the ack");
        await show(chrome.internalError, chrome).catch(() => undefined);
      }
    },
  );
}

function isDirectMessage(body: BlockAction): boolean {
  return body.channel?.id.startsWith("D") === true && body.message !== undefined;
}

/**
 * Approve / Reject in a DM: the message is replaced by its text and the
 * decision, so nobody decides twice from the same message.
 */
async function settleDirectMessage(
  respond: (message: {
    replace_original: boolean;
    text: string;
    blocks: types.KnownBlock[];
  }) => Promise<unknown>,
  body: BlockAction,
  outcome: Outcome,
): Promise<void> {
  // Our own message's text, as Slack keeps it: already escaped when we posted it.
  const original = typeof body.message?.text === "string" ? body.message.text : "";
  await respond({
    replace_original: true,
    text: original || escape(outcome.text),
    blocks: [
      ...(original ? [section(original)] : []),
      context(`:white_check_mark: <@${body.user.id}>: ${escape(outcome.text)}`),
    ],
  });
}

export async function publishHome(
  deps: HandlerDeps,
  client: webApi.WebClient,
  slackUserId: string,
  staffId: string | null,
  chrome: Chrome,
): Promise<void> {
  const view: types.HomeView = staffId
    ? await buildHome(deps.backend.engine, staffId, chrome, deps.now())
    : { type: "home", blocks: [section(escape(chrome.unknownUser(slackUserId)))] };
  await withRetries(
    "views.publish",
    () => client.views.publish({ user_id: slackUserId, view }),
    deps.retry,
  );
}
