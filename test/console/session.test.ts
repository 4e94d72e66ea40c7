import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConsoleSession } from "../../adapters/console/session.ts";
import type { Notification } from "../../src/core/notifications/notification.ts";
import { notificationsFor } from "../../src/core/notifications/render.ts";
import {
  createTestEngine,
  recipientLocales,
  seedTeam,
  type TestEngine,
} from "../helpers/engine.ts";

async function runScript(
  t: TestEngine,
  script: string,
  json: boolean,
  actorId = "amy",
): Promise<string[]> {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on("data", (c: Buffer) => chunks.push(c.toString("utf8")));
  let lastEvent = 0n;
  await new ConsoleSession({
    input: Readable.from([script]),
    output,
    actorId,
    json,
    prompt: false,
    backend: {
      execute: (line, actor) => t.engine.execute(line, actor),
      async flushNotifications() {
        const events = await t.db.prisma.outboxEvent.findMany({
          where: { id: { gt: lastEvent } },
          orderBy: { id: "asc" },
        });
        const out: Notification[] = [];
        const locales = await recipientLocales(t);
        for (const e of events) {
          lastEvent = e.id;
          out.push(
            ...notificationsFor(
              {
                id: e.id.toString(),
                type: e.type,
                aggregateId: e.aggregateId,
                payload: e.payload as Record<string, unknown>,
              },
              locales,
            ),
          );
        }
        return out;
      },
    },
  }).run();
  return chunks
    .join("")
    .split("\n")
    .filter((l) => l !== "");
}

describe("console session", () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine("postgres");
    await seedTeam(t);
  });
  afterAll(async () => t?.close());

  it("answers each line in order as JSON, with notifications as their own lines", async () => {
    const lines = await runScript(
      t,
      [
        "# intake from the hotline",
        'complaint open channel:hotline name:"Wang Li" contact:13800138000 content:"Charged twice for May"',
        "",
        "complaint assign id:TS-2611-0001 to:bob",
        "complaint nonsense",
      ].join("\n"),
      true,
    );
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toHaveLength(5);
    expect(parsed[0]).toMatchObject({
      ok: true,
      complaint: { number: "TS-2611-0001", status: "registered", assignee: null },
    });
    expect(parsed[1]).toEqual({
      kind: "channel",
      to: "billing",
      complaint: "TS-2611-0001",
      text: "New complaint TS-2611-0001 (hotline, general) opened by amy: Charged twice for May",
    });
    expect(parsed[2]).toMatchObject({
      ok: true,
      complaint: { status: "assigned", assignee: "bob" },
    });
    expect(parsed[3]).toEqual({
      kind: "dm",
      to: "bob",
      complaint: "TS-2611-0001",
      text: "TS-2611-0001 (hotline, general) was assigned to you by amy: Charged twice for May",
    });
    expect(parsed[4]).toMatchObject({ ok: false, error: { code: "E_UNKNOWN_COMMAND" } });
    expect(JSON.stringify(parsed.slice(1, 2).concat(parsed.slice(3, 4)))).not.toContain(
      "13800138000",
    );
  });

  it("switches identity with .as and renders plain text", async () => {
    const lines = await runScript(
      t,
      '.as bob\ncomplaint note id:TS-2611-0001 text:"On it"\ncomplaint show id:TS-2611-0099',
      false,
    );
    expect(lines[0]).toBe("now acting as bob");
    expect(lines[1]).toBe("Note added to TS-2611-0001; it is now in progress");
    expect(lines.at(-1)).toBe(
      "error E_NOT_FOUND: there is no complaint TS-2611-0099; complaint list filter:all shows the numbers in use",
    );
  });
});
