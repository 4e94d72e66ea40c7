import { describe, expect, it } from "vitest";
import type { CommandRunner } from "../../adapters/slack/backend.ts";
import { renderOutcome } from "../../adapters/slack/blocks.ts";
import { cardActions, renderCard } from "../../adapters/slack/card.ts";
import { buildHome } from "../../adapters/slack/home.ts";
import { commandForm, messageModal } from "../../adapters/slack/modal.ts";
import { notificationPayload } from "../../adapters/slack/notifier.ts";
import { chromeFor } from "../../adapters/slack/text.ts";
import type { ComplaintView } from "../../src/core/complaint/view.ts";
import { Engine } from "../../src/core/engine.ts";
import { defaultPolicy } from "../../src/core/policy/schema.ts";
import { defaultHolidayCalendar } from "../../src/calendar/chinese-days.ts";
import { BusinessCalendar } from "../../src/core/calendar/business-calendar.ts";
import type { Outcome } from "../../src/core/reply/reply.ts";
import { checkBlocks, checkView } from "./block-kit-limits.ts";

const chrome = chromeFor("en");
const engine = new Engine({
  uow: { transaction: () => Promise.reject(new Error("no database in rendering tests")) },
  policy: defaultPolicy(),
  clock: { now: () => new Date("2026-11-23T02:00:00Z") },
  calendar: BusinessCalendar.fromPolicy(defaultPolicy(), defaultHolidayCalendar()),
});
const long = (n: number, unit = "x") => unit.repeat(n);

function view(overrides: Partial<ComplaintView> = {}): ComplaintView {
  const base: Partial<ComplaintView> = {
    number: "TS-2611-0001",
    status: "registered",
    channel: "hotline",
    complainant: "Wang Li",
    contact: "138****8000",
    contactMasked: true,
    content: "Charged twice for May",
    receivedAt: "2026-11-23T01:00:00.000Z",
    severity: "general",
    department: "billing",
    owner: "amy",
    assignee: null,
    category: null,
    repeatOf: null,
    version: 1,
  };
  return { ...base, ...overrides } as ComplaintView;
}

describe("Block Kit payloads stay inside Slack's limits", () => {
  it("a reply with too much of everything is cut to 50 blocks, buttons kept", () => {
    const outcome: Outcome = {
      ok: true,
      title: long(400, "T"),
      text: long(5000),
      fields: Array.from({ length: 40 }, (_, i) => ({ label: `F${i}`, value: long(3000) })),
      sections: [
        {
          heading: "Lines",
          lines: Array.from({ length: 600 }, (_, i) => `line ${i} ${long(200)}`),
        },
      ],
      actions: Array.from({ length: 30 }, (_, i) => ({
        id: `a${i}`,
        label: long(100, "L"),
        command: `complaint show id:TS-2611-${i}`,
      })),
    };
    const payload = renderOutcome(outcome, { chrome, maxBlocks: 50 });
    expect(checkBlocks(payload.blocks, "message")).toEqual([]);
    expect(payload.blocks).toHaveLength(50);
    expect(payload.blocks.filter((b) => b.type === "actions")).toHaveLength(2);
    expect(JSON.stringify(payload.blocks)).toContain("more not shown");
    expect(payload.text.length).toBeLessThanOrEqual(3000);
  });

  it("an error naming many fields is one valid message", () => {
    const outcome: Outcome = {
      ok: false,
      text: "E_VALIDATION: …",
      error: {
        code: "E_VALIDATION",
        message: long(4000),
        details: {
          fields: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`f${i}`, long(100)])),
        },
      },
    };
    expect(
      checkBlocks(renderOutcome(outcome, { chrome, maxBlocks: 50 }).blocks, "message"),
    ).toEqual([]);
  });

  it("every command's form is a valid modal with a title of at most 24 characters", () => {
    for (const command of engine.commands) {
      const specs = engine.optionSpecs(command);
      const form = commandForm({
        title: `complaint ${command.name} with a long title`,
        specs,
        state: { words: command.name.split(" "), given: {}, channel: "C1" },
        chrome,
        values: Object.fromEntries(Object.keys(specs).map((k) => [k, long(5000)])),
        errors: Object.fromEntries(Object.keys(specs).map((k) => [k, long(5000)])),
        banner: long(5000),
      });
      expect(checkView(form), command.name).toEqual([]);
    }
  });

  it("a result modal and the Home tab stay within 100 blocks", () => {
    const outcome: Outcome = {
      ok: true,
      text: "x",
      sections: [{ heading: "h", lines: Array.from({ length: 2000 }, () => long(100)) }],
    };
    const modal = messageModal(
      long(50, "M"),
      renderOutcome(outcome, { chrome, maxBlocks: 100 }),
      chrome,
    );
    expect(checkView(modal)).toEqual([]);
  });

  it("the Home tab is valid however many cases there are", async () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      view({ number: `TS-2611-${String(i).padStart(4, "0")}`, content: long(5000) }),
    );
    const runner: CommandRunner = {
      commands: engine.commands,
      policy: engine.policy,
      optionSpecs: (c) => engine.optionSpecs(c),
      resolve: (w) => engine.resolve(w),
      execute: () => Promise.reject(new Error("unused")),
      run: () => Promise.resolve({ ok: true, text: "many", complaints: many, total: 5000 }),
    };
    const home = await buildHome(runner, "bob", chrome, new Date());
    expect(checkView(home)).toEqual([]);
    expect(JSON.stringify(home)).toContain("My open cases");
  });

  it("a card shows no contact and escapes what people typed", () => {
    const card = renderCard(
      view({
        content: `<!channel> ${long(10_000)}`,
        complainant: "Secret Name",
        contact: "13800138000",
      }),
      cardActions(view(), engine),
      { timeZone: "Asia/Shanghai", chrome },
    );
    expect(checkBlocks(card.blocks, "message")).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).not.toContain("13800138000");
    expect(text).not.toContain("Secret Name");
    expect(text).not.toContain("<!channel>");
    expect(text).toContain("&lt;!channel&gt;");
  });

  it("card buttons follow the lifecycle and carry the version", () => {
    const labels = (status: ComplaintView["status"]) =>
      cardActions(view({ status, version: 4 }), engine).map((a) => a.label);
    expect(labels("registered")).toEqual(["Assign to me", "Log contact"]);
    expect(labels("in_progress")).toEqual(["Assign to me", "Log contact", "Resolve"]);
    expect(labels("resolved")).toEqual(["Log contact", "Record callback"]);
    expect(labels("callback_done")).toEqual(["Log contact", "Close"]);
    expect(labels("closed")).toEqual([]);
    const resolve = cardActions(view({ status: "assigned", version: 4 }), engine).find(
      (a) => a.id === "resolve",
    );
    expect(resolve?.command).toBe("complaint resolve id:TS-2611-0001 version:4");
  });

  it("a notification's text cannot mention @channel and its buttons are valid", () => {
    const payload = notificationPayload({
      kind: "dm",
      to: "carol",
      text: "<!here> approve CP-2611-0001",
      key: "k",
      actions: [
        {
          id: "approve",
          label: "Approve",
          command: "complaint approve id:CP-2611-0001 decision:approve",
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
    expect(checkBlocks(payload.blocks, "message")).toEqual([]);
    expect(JSON.stringify(payload.blocks)).not.toContain("<!here>");
  });
});
