import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";

const root = path.resolve(import.meta.dirname, "../..");

interface Line {
  at: number;
  json: Record<string, unknown>;
}

/**
 * The console with the in-process worker and the demo policy (first reply
 * due after 2 s, ladder steps of 2 s): what a person watching sees.
 */
describe("deadline ladder in the console (policy.demo.yaml)", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("postgres");
  });
  afterAll(async () => db?.close());

  it("shows the nudge, then the escalation DMs, then the channel alert, on time; a resolved case gets none", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "adapters/console/cli.ts", "--as", "alice", "--json"],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "/tmp",
          DATABASE_URL: db.url ?? "",
          POLICY_FILE: "policy.demo.yaml",
          ADMINS: "alice",
          QUEUE_PREFIX: `{ladder-${process.pid}-${Date.now()}}`,
          LOG_LEVEL: "warn",
          HTTP_PORT: "0",
        },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const lines: Line[] = [];
    const rl = createInterface({ input: child.stdout });
    rl.on("line", (l) =>
      lines.push({ at: Date.now(), json: JSON.parse(l) as Record<string, unknown> }),
    );
    const setup = [
      'complaint staff add id:gm name:"Gao" role:gm',
      'complaint staff add id:carol name:"Carol Wu" role:dept-manager dept:billing manager:gm',
      'complaint staff add id:bob name:"Bob Chen" role:handler dept:billing manager:carol',
      'complaint open channel:hotline name:"Resolved Quickly" contact:13800138001 content:"Wrong bill" dept:billing',
      "complaint assign id:{N1} to:bob",
      ".as bob",
      'complaint resolve id:{N1} result:"Fixed" cause:operation-error handler:bob phone:13900139000 dept:billing contacted:yes satisfied:yes resolved:yes promised:2026-12-01T18:00+08:00',
      ".as alice",
      'complaint open channel:hotline name:"Wang Li" contact:13800138000 content:"Charged twice for May" dept:billing',
      "complaint assign id:{N2} to:bob",
    ];
    const waitFor = async (predicate: () => boolean, ms: number) => {
      const until = Date.now() + ms;
      while (!predicate() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    };
    const numbers: string[] = [];
    for (const command of setup) {
      const before = lines.filter((l) => "ok" in l.json).length;
      child.stdin.write(
        `${command.replace("{N1}", numbers[0] ?? "").replace("{N2}", numbers[1] ?? "")}\n`,
      );
      await waitFor(() => lines.filter((l) => "ok" in l.json).length > before, 20_000);
      if (command.startsWith(".")) continue;
      const answer = lines.filter((l) => "ok" in l.json).at(-1)?.json;
      expect(answer?.ok, `${command}: ${JSON.stringify(answer)} ${stderr}`).toBe(true);
      const number = (answer?.complaint as { number?: string } | undefined)?.number;
      if (command.includes(" open ") && number) numbers.push(number);
    }
    const assignedAt = lines.at(-1)?.at ?? Date.now();
    const openedAnswer = lines.find(
      (l) => (l.json.complaint as { number?: string } | undefined)?.number === numbers[1],
    );
    // Deadlines run from the complaint's receivedAt (same machine clock as Date.now()).
    const receivedAt = (openedAnswer?.json.complaint as { receivedAt?: string } | undefined)
      ?.receivedAt;
    const t0 = receivedAt ? Date.parse(receivedAt) : assignedAt;
    await waitFor(
      () => lines.some((l) => l.json.to === "gm" && String(l.json.text).startsWith("Escalation")),
      20_000,
    );
    await new Promise((r) => setTimeout(r, 1500));
    child.stdin.end();
    await new Promise((r) => child.on("close", r));

    const nudges = lines.filter(
      (l) =>
        l.json.kind &&
        /^(Reminder|Escalation|Overdue|TS-\S+ first reply is due now)/.test(String(l.json.text)),
    );
    const seen = nudges.map(
      (l) => `${String(l.json.kind)}:${String(l.json.to)}:${String(l.json.text).split(":")[0]}`,
    );
    expect(seen).toEqual([
      "dm:bob:Reminder",
      `dm:bob:${numbers[1]} first reply is due now`,
      "dm:alice:Escalation",
      "dm:carol:Escalation",
      "channel:billing:Overdue",
      "dm:gm:Escalation",
    ]);
    // On time: never before its due moment (1, 2, 4, 6, 8, 10 s after intake), and not
    // minutes late (a poller that runs every minute would be). Lateness itself is
    // measured in bench/, not asserted here: this machine is shared.
    const expected = [1, 2, 4, 6, 8, 10].map((s) => s * 1000);
    nudges.forEach((l, i) => {
      const offset = l.at - t0;
      expect(offset, `${seen[i]} at +${offset} ms`).toBeGreaterThanOrEqual((expected[i] ?? 0) - 50);
      expect(offset, `${seen[i]} at +${offset} ms`).toBeLessThan((expected[i] ?? 0) + 5000);
    });
    expect(nudges.every((l) => l.json.complaint === numbers[1])).toBe(true);
    expect(
      lines.filter(
        (l) =>
          l.json.complaint === numbers[0] &&
          String(l.json.text).match(/Reminder|Escalation|due now|Overdue/),
      ),
    ).toEqual([]);
  }, 60_000);
});
