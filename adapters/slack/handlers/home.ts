import type { App as BoltApp } from "@slack/bolt";
import { chromeFor } from "../text.ts";
import { publishHome } from "./actions.ts";
import type { HandlerDeps } from "./deps.ts";

/** Opening the Home tab publishes a fresh view of the viewer's cases (Bolt acks events itself). */
export function registerHome(bolt: BoltApp, deps: HandlerDeps): void {
  bolt.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    try {
      const person = await deps.identity.person(client, event.user);
      await publishHome(
        deps,
        client,
        event.user,
        person?.staffId ?? null,
        chromeFor(person?.locale ?? deps.backend.engine.policy.locale),
      );
    } catch (error) {
      deps.logger.error({ err: error }, "could not publish the Home tab");
    }
  });
}
