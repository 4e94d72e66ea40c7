import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendFiles } from "../../adapters/slack/files.ts";
import { slackClientOptions } from "../../adapters/slack/web-api.ts";
import { FakeSlackApi } from "./fake-slack-api.ts";

describe("Slack: a reply's files go to the requester's DM", () => {
  let slack: FakeSlackApi;
  let client: webApi.WebClient;
  let dir: string;

  beforeAll(async () => {
    slack = await FakeSlackApi.start();
    client = new webApi.WebClient("xoxb-test", slackClientOptions(slack.apiUrl));
    dir = await mkdtemp(path.join(tmpdir(), "cd-slack-files-"));
  });
  afterAll(async () => {
    await slack?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("uploads inline charts and files on disk in one files.uploadV2", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const exported = path.join(dir, "complaints-2026-10.csv");
    await writeFile(exported, "number,status\nTS-2610-0001,closed\n");
    await sendFiles(
      client,
      "UCAROL",
      [
        {
          filename: "trend-2026-10.png",
          contentType: "image/png",
          bytes: png.length,
          base64: png.toString("base64"),
          title: "Complaints per month, to 2026-10",
        },
        { filename: "complaints-2026-10.csv", contentType: "text/csv", bytes: 34, path: exported },
      ],
      { attempts: 1, maxWaitMs: 0 },
    );
    expect(slack.callsTo("conversations.open")[0]?.args["users"]).toBe("UCAROL");
    const urls = slack.callsTo("files.getUploadURLExternal").map((c) => c.args["filename"]);
    expect(urls.sort()).toEqual(["complaints-2026-10.csv", "trend-2026-10.png"]);
    const complete = slack.callsTo("files.completeUploadExternal");
    expect(complete).toHaveLength(1);
    expect(complete[0]?.args["channel_id"]).toBe("DCAROL");
    expect(String(complete[0]?.args["files"])).toContain("Complaints per month, to 2026-10");
    const bodies = [...slack.uploads.values()];
    expect(bodies.some((b) => b.includes("number,status\nTS-2610-0001,closed\n"))).toBe(true);
    // The fake keeps bodies as UTF-8 text: 0x89 is not valid UTF-8, "PNG" is.
    expect(bodies.some((b) => b.includes("\uFFFDPNG\r\n"))).toBe(true);
    expect(slack.violations).toEqual([]);
  });
});
