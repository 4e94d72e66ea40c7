import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveFiles } from "../../adapters/console/files.ts";
import { progressPrinter } from "../../adapters/console/progress.ts";
import { ConsoleSession } from "../../adapters/console/session.ts";
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
        flushNotifications: () => Promise.resolve([]),
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
