import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveFiles } from "../../adapters/console/files.ts";
import { progressPrinter } from "../../adapters/console/progress.ts";
import { ConsoleSession } from "../../adapters/console/session.ts";
import type { Notification } from "../../src/core/notifications/notification.ts";
import { staffLocales } from "../../src/core/notifications/render.ts";
import { ConsoleNotifier } from "../../src/worker/console-notifier.ts";
import { relayOutbox } from "../../src/worker/outbox-relay.ts";
import { Engine } from "../../src/core/engine.ts";
import { defaultPolicy } from "../../src/core/policy/schema.ts";
import { fileExporter } from "../../src/reports/file-exporter.ts";
import { ensureAdmins } from "../../src/store/bootstrap.ts";
import { prismaUnitOfWork } from "../../src/store/unit-of-work.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { ManualClock, testCalendar } from "../helpers/engine.ts";
import { NOW, seedMonth } from "./fixture.ts";

function sink() {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on("data", (c: Buffer) => chunks.push(c.toString("utf8")));
  return { out, text: () => chunks.join("") };
}

describe("console: files and progress", () => {
  let db: TestDatabase;
  let engine: Engine;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    dir = await mkdtemp(path.join(tmpdir(), "cd-console-files-"));
    await ensureAdmins(db.prisma, ["admin"]);
    await seedMonth(db.prisma);
    const policy = defaultPolicy();
    engine = new Engine({
      uow: prismaUnitOfWork(db.prisma),
      policy,
      clock: new ManualClock(NOW),
      calendar: testCalendar(policy),
      services: { exporter: fileExporter(db.prisma, { dir: path.join(dir, "exports") }) },
    });
  });
  afterAll(async () => {
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** What the console prints of the outbox, in each reader's language, as App.flushNotifications does. */
  const flush = async () => {
    const sent: Notification[] = [];
    const notifier = {
      send: (n: Notification) => {
        sent.push(n);
        return Promise.resolve();
      },
    };
    const staff = await db.prisma.staff.findMany({ select: { id: true, locale: true } });
    await relayOutbox(db.prisma, notifier, 100, staffLocales(staff, defaultPolicy()));
    return sent;
  };

  const session = async (script: string, json: boolean) => {
    const output = sink();
    const progress = sink();
    await new ConsoleSession({
      input: Readable.from([script]),
      output: output.out,
      actorId: "admin",
      json,
      prompt: false,
      filesDir: path.join(dir, "files"),
      progress: progressPrinter(progress.out, false),
      backend: {
        execute: (line, actor, options) => engine.execute(line, actor, options),
        flushNotifications: flush,
      },
    }).run();
    return { lines: output.text().split("\n").filter(Boolean), progress: progress.text() };
  };

  it("prints where an export was written; --json carries its path", async () => {
    const text = await session("complaint export month:2026-10\n", false);
    expect(text.lines[0]).toMatch(/^Exported 5 complaints/);
    expect(text.lines[1]).toMatch(
      new RegExp(`^File: ${dir}/exports/complaints-2026-10-\\S+\\.csv \\(\\d+ bytes, 5 rows\\)$`),
    );
    // Five rows are over at once: no progress lines.
    expect(text.progress).toBe("");
    const json = await session("complaint export month:2026-10 contacts:masked\n", true);
    const answer = JSON.parse(json.lines[0] ?? "{}") as { files?: { path?: string }[] };
    const csv = await readFile(answer.files?.[0]?.path ?? "", "utf8");
    expect(csv).toContain("138****8001");
  });

  it("writes inline files out and answers with their paths instead of their bytes", async () => {
    const png = Buffer.from("89504e470d0a1a0a", "hex");
    const outcome = {
      ok: true as const,
      text: "chart",
      files: [
        {
          filename: "trend.png",
          contentType: "image/png",
          bytes: 8,
          base64: png.toString("base64"),
        },
        {
          filename: "trend.png",
          contentType: "image/png",
          bytes: 8,
          base64: png.toString("base64"),
        },
      ],
    };
    const saved = await saveFiles(outcome, path.join(dir, "inline"));
    expect(saved.ok && saved.files?.map((f) => path.basename(f.path ?? ""))).toEqual([
      "trend.png",
      "trend-1.png",
    ]);
    expect(saved.ok && saved.files?.some((f) => "base64" in f)).toBe(false);
    expect(await readFile(path.join(dir, "inline", "trend-1.png"))).toEqual(png);
  });

  it("writes the monthly post's charts to the files directory and prints their paths", async () => {
    const text = await session("complaint stats month:2026-10 post:yes charts:no\n", false);
    expect(text.lines[0]).toBe(
      "Complaint statistics 2026-10: 5 received, 4 closed, posted to #management",
    );
    const post = text.lines.indexOf("  >> #management: Complaint statistics 2026-10");
    expect(post).toBeGreaterThan(0);
    const files = text.lines.filter((l) => l.startsWith("     File: "));
    expect(files).toHaveLength(4);
    expect(files[0]).toMatch(
      new RegExp(`^     File: ${dir}/files/trend-2026-10(-\\d+)?\\.png \\(\\d+ (bytes|kB)\\)$`),
    );
    const first = /File: (\S+)/.exec(files[0] ?? "")?.[1] ?? "";
    const png = await readFile(first);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");

    const json = await session("complaint stats month:2026-10 post:yes charts:no\n", true);
    const note = JSON.parse(json.lines[1] ?? "{}") as {
      kind?: string;
      to?: string;
      files?: { filename: string; contentType: string; path: string; title: string }[];
    };
    expect(note).toMatchObject({ kind: "channel", to: "management" });
    expect(note.files?.map((f) => f.title)).toEqual([
      "Complaints per month, to 2026-10",
      "By category, 2026-10",
      "By department, 2026-10",
      "On time (%), 2026-10",
    ]);
    for (const f of note.files ?? []) {
      expect(f.contentType).toBe("image/png");
      expect(path.dirname(f.path)).toBe(path.join(dir, "files"));
      expect((await readFile(f.path)).subarray(1, 4).toString("latin1")).toBe("PNG");
    }
  });

  it("the console notifier waits until the charts of what the worker sends are written", async () => {
    const output = sink();
    const shell = new ConsoleSession({
      input: Readable.from([]),
      output: output.out,
      actorId: "admin",
      json: true,
      prompt: false,
      filesDir: path.join(dir, "worker-files"),
      backend: {
        execute: (line, actor) => engine.execute(line, actor),
        flushNotifications: () => Promise.resolve([]),
      },
    });
    const notifier = new ConsoleNotifier();
    notifier.attach((n) => shell.notify(n));
    await notifier.send({
      kind: "channel",
      to: "management",
      text: "Complaint statistics 2026-10",
      key: "1:channel:management@console",
      charts: [
        {
          id: "on-time-2026-10",
          title: "On time (%), 2026-10",
          kind: "bar",
          categories: ["First reply"],
          series: [{ name: "On time %", values: [50] }],
          unit: "percent",
          width: 400,
          height: 300,
        },
      ],
    });
    const line = JSON.parse(output.text().trim()) as { files?: { path: string }[] };
    expect(line.files?.map((f) => path.basename(f.path))).toEqual(["on-time-2026-10.png"]);
    expect((await readFile(line.files?.[0]?.path ?? "")).length).toBeGreaterThan(1000);
  });

  it("shows progress of long exports: redrawn on a terminal, a line per tenth in a log", () => {
    const log = sink();
    const p = progressPrinter(log.out, false);
    for (let done = 0; done <= 100_000; done += 5_000)
      p.update({ task: "export", done, total: 100_000 });
    p.done();
    const lines = log.text().trimEnd().split("\n");
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe("export: 0 / 100,000 rows (0%)");
    expect(lines.at(-1)).toBe("export: 100,000 / 100,000 rows (100%)");
    const tty = sink();
    const t = progressPrinter(tty.out, true);
    t.update({ task: "export", done: 50_000, total: 100_000 });
    t.done();
    expect(tty.text()).toBe("\r\u001b[2Kexport: 50,000 / 100,000 rows (50%)\n");
  });
});
