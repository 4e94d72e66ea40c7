import type { App as BoltApp, types } from "@slack/bolt";
import { validateOptions } from "../../../src/core/engine.ts";
import { isComplaintError } from "../../../src/core/errors.ts";
import { plainMessage, renderOutcome, section } from "../blocks.ts";
import { viewKey } from "../dedupe.ts";
import { limits } from "../limits.ts";
import {
  COMMAND_MODAL,
  askedOptions,
  commandForm,
  decodeState,
  inlineErrors,
  messageModal,
  readForm,
} from "../modal.ts";
import { bindActorOptions } from "../plan.ts";
import { chromeFor, type Chrome } from "../text.ts";
import { withRetries } from "../web-api.ts";
import { afterChange, deliverAttachment, type HandlerDeps } from "./deps.ts";

/**
 * A command form's submission. Option checks that need no database run
 * before the ack, so mistakes show inline under their fields; the command
 * itself runs after the ack, the modal showing "working…" and then the
 * result (or the form again, with what the engine found wrong).
 */
export function registerViewSubmission(bolt: BoltApp, deps: HandlerDeps): void {
  const { backend, identity, logger } = deps;
  bolt.view(COMMAND_MODAL, async ({ ack, body, view, client }) => {
    const chrome = chromeFor(backend.engine.policy.locale);
    const state = decodeState(view.private_metadata);
    let resolved;
    try {
      if (!state) throw new Error("unreadable form state");
      resolved = backend.engine.resolve(state.words);
    } catch {
      await ack({
        response_action: "update",
        view: messageModal(
          "Complaint",
          { text: "", blocks: [section(chrome.modalFailed)] },
          chrome,
        ),
      });
      return;
    }
    const { command, specs } = resolved;
    const shown = askedOptions(specs, state.given);
    const values = readForm(view.state.values, specs);
    const title = view.title.text;
    const form = (extra: { errors?: Record<string, string>; banner?: string }) =>
      commandForm({ title, specs, state, chrome, values, ...extra });
    try {
      validateOptions(
        command,
        specs,
        bindActorOptions({ ...state.given, ...values }, "placeholder"),
      );
    } catch (error) {
      const fields = isComplaintError(error) ? (error.details?.fields ?? {}) : {};
      const { inline, other } = inlineErrors(fields, shown);
      if (other.length === 0 && Object.keys(inline).length > 0) {
        await ack({ response_action: "errors", errors: inline });
      } else {
        await ack({
          response_action: "update",
          view: form({
            errors: fields,
            banner: isComplaintError(error) ? error.message : String(error),
          }),
        });
      }
      deps.onAck?.("view-errors");
      return;
    }
    await ack({
      response_action: "update",
      view: messageModal(title, { text: "", blocks: [section(chrome.modalWorking)] }, chrome),
    });
    deps.onAck?.("view");
    const show = (next: types.ModalView) =>
      withRetries(
        "views.update",
        () => client.views.update({ view_id: view.id, view: next }),
        deps.retry,
      );
    try {
      if (!(await backend.inbound.once(viewKey(body.team?.id, view.id, view.hash)))) return;
      const person = await identity.person(client, body.user.id);
      if (!person) {
        await show(message(title, chrome.unknownUser(body.user.id), chrome));
        return;
      }
      const personal = chromeFor(person.locale);
      const options = bindActorOptions({ ...state.given, ...values }, person.staffId);
      const outcome = await backend.engine.run(state.words, options, person.staffId);
      const fields = outcome.ok ? undefined : outcome.error.details?.fields;
      if (!outcome.ok && fields && Object.keys(fields).some((f) => shown.includes(f))) {
        await show(form({ errors: fields, banner: outcome.error.message }));
        return;
      }
      await show(
        messageModal(
          title,
          renderOutcome(outcome, { chrome: personal, maxBlocks: limits.viewBlocks }),
          personal,
        ),
      );
      await afterChange(deps, client, command, outcome, body.user.id);
      await deliverAttachment(deps, client, body.user.id, outcome);
    } catch (error) {
      logger.error({ err: error }, "form submission failed after the ack");
      await show(message(title, chrome.internalError, chrome)).catch(() => undefined);
    }
  });
}

function message(title: string, text: string, chrome: Chrome): types.ModalView {
  return messageModal(title, plainMessage(text), chrome);
}
