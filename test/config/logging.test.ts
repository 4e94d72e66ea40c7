import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.ts";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe("createLogger", () => {
  it("redacts contacts and credentials at any of the first three levels", () => {
    const { lines, destination } = capture();
    const log = createLogger("info", { destination, base: {} });
    log.info(
      {
        contact: "13800138000",
        complaint: { id: "TS-2501-0001", contact: "a@b.cn" },
        event: { complaint: { contact: "13900139000", phone: "1" } },
        slack: { botToken: "xoxb-1", signingSecret: "s" },
        db: { password: "pw" },
        token: "t",
      },
      "opened",
    );
    expect(lines[0]).toMatchObject({
      msg: "opened",
      contact: "[redacted]",
      complaint: { id: "TS-2501-0001", contact: "[redacted]" },
      event: { complaint: { contact: "[redacted]", phone: "[redacted]" } },
      slack: { botToken: "[redacted]", signingSecret: "[redacted]" },
      db: { password: "[redacted]" },
      token: "[redacted]",
    });
    expect(JSON.stringify(lines)).not.toMatch(/13800138000|a@b\.cn|13900139000|xoxb-1|"pw"/);
  });

  it("honours the level", () => {
    const { lines, destination } = capture();
    const log = createLogger("warn", { destination });
    log.info("hidden");
    log.warn("shown");
    expect(lines.map((l) => l.msg)).toEqual(["shown"]);
    expect(createLogger("silent", { destination }).isLevelEnabled("fatal")).toBe(false);
  });

  it("writes to stderr by default, keeping stdout for the console's JSON", () => {
    const root = resolve(import.meta.dirname, "../..");
    const logging = resolve(root, "src/logging.ts");
    const result = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `const { createLogger } = await import(${JSON.stringify(logging)}); createLogger("info").info({ contact: "x" }, "to stderr");`,
      ],
      { cwd: root, encoding: "utf8", timeout: 20_000 },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('"msg":"to stderr"');
    expect(result.stderr).toContain('"contact":"[redacted]"');
  });
});
