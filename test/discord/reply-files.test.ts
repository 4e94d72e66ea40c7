import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ATTACHMENTS, MAX_UPLOAD_BYTES, withReplyFiles } from "../../adapters/discord/files.ts";
import { outcomeMessage } from "../../adapters/discord/render.ts";
import type { Outcome, ReplyFile } from "../../src/core/reply/reply.ts";

const chart = (i: number): ReplyFile => ({
  filename: `chart-${i}.png`,
  contentType: "image/png",
  bytes: 3,
  base64: Buffer.from([i, i, i]).toString("base64"),
});

describe("Discord: a reply's files as attachments", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "cd-discord-files-"));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("attaches inline files and files on disk, after a CSV attachment", async () => {
    const exported = path.join(dir, "complaints.xlsx");
    await writeFile(exported, "xlsx bytes");
    const outcome: Outcome = {
      ok: true,
      text: "done",
      attachment: { filename: "a.csv", contentType: "text/csv", content: "a,b\n" },
      files: [
        chart(1),
        { filename: "complaints.xlsx", contentType: "application/x", bytes: 10, path: exported },
      ],
    };
    const message = await withReplyFiles(outcomeMessage(outcome), outcome);
    expect(message.files?.map((f) => [f.name, f.data.toString("latin1")])).toEqual([
      ["a.csv", "a,b\n"],
      ["chart-1.png", "\x01\x01\x01"],
      ["complaints.xlsx", "xlsx bytes"],
    ]);
    expect(message.body.attachments).toEqual([
      { id: "0", filename: "a.csv" },
      { id: "1", filename: "chart-1.png" },
      { id: "2", filename: "complaints.xlsx" },
    ]);
    expect(message.body.content).toBeUndefined();
  });

  it("names what goes over Discord's limits instead of dropping it silently", async () => {
    const huge: ReplyFile = {
      filename: "huge.xlsx",
      contentType: "application/x",
      bytes: MAX_UPLOAD_BYTES + 1,
      path: path.join(dir, "never-read.xlsx"),
    };
    const charts = Array.from({ length: MAX_ATTACHMENTS + 1 }, (_, i) => chart(i));
    const outcome: Outcome = { ok: true, text: "done", files: [huge, ...charts] };
    const message = await withReplyFiles(outcomeMessage(outcome), outcome);
    expect(message.files).toHaveLength(MAX_ATTACHMENTS);
    expect(message.body.content).toBe(
      `Not attached (over Discord's 10 files / 10 MB per message): huge.xlsx, chart-${MAX_ATTACHMENTS}.png`,
    );
  });
});
