import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";

const root = path.resolve(import.meta.dirname, "../..");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  env: Record<string, string>,
  input: string,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const cli = (env: Record<string, string>, input: string, args = ["--json"]) =>
  run(process.execPath, ["--import", "tsx", "adapters/console/cli.ts", ...args], env, input);

const tour = `complaint staff add id:carol name:"Carol Wu" role:dept-manager dept:billing
complaint staff add id:bob name:"Bob Chen" role:handler dept:billing manager:carol
complaint open channel:hotline name:"Wang Li" contact:13800138000 content:"Charged twice for May"
complaint assign id:TS-{yymm}-0001 to:bob
complaint note id:TS-{yymm}-0001 text:"Called the customer"
complaint show id:TS-{yymm}-0001
complaint list filter:mine
`;

function yymm(): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "2-digit",
    month: "2-digit",
  }).formatToParts(new Date());
  return `${parts.find((p) => p.type === "year")?.value}${parts.find((p) => p.type === "month")?.value}`;
}

const jsonLines = (stdout: string) =>
  stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("npm run console", () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    dir = await mkdtemp(path.join(tmpdir(), "cd-cli-"));
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("runs the README's example on PostgreSQL, one JSON line per answer and notification", async () => {
    const result = await run(
      "npm",
      ["run", "--silent", "console", "--", "--as", "alice", "--json"],
      { DATABASE_URL: db.url ?? "", ADMINS: "alice" },
      tour.replaceAll("{yymm}", yymm()),
    );
    expect(result.code, result.stderr).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines.map((l) => l.ok ?? l.kind)).toEqual([
      true,
      true,
      true,
      true,
      "dm",
      true,
      "dm",
      true,
      true,
    ]);
    expect(lines[5]).toMatchObject({
      ok: true,
      complaint: { status: "assigned", assignee: "bob", version: 3 },
    });
    expect(lines.at(-1)).toMatchObject({ ok: true, total: 1 });
  });

  it("starts on embedded PGlite in a fresh DATA_DIR", async () => {
    const result = await cli(
      { DATA_DIR: path.join(dir, "fresh"), ADMINS: "alice" },
      "complaint help\ncomplaint staff list\n",
      ["--as", "alice", "--json"],
    );
    expect(result.code, result.stderr).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ ok: true });
    expect(lines[1]).toMatchObject({ ok: true, staffList: [{ id: "alice", role: "admin" }] });
  }, 90_000);

  it("exits 0 at the end of input even when commands fail", async () => {
    const result = await cli({ DATABASE_URL: db.url ?? "" }, "complaint help\n", [
      "--as",
      "nobody",
      "--json",
    ]);
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)[0]).toMatchObject({
      ok: false,
      error: { code: "E_UNKNOWN_STAFF" },
    });
  });

  it("cannot start with an unreachable database: non-zero, with what to do", async () => {
    const result = await cli(
      { DATABASE_URL: "postgresql://root@127.0.0.1:1/none" },
      "complaint help\n",
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("E_DATABASE_UNAVAILABLE");
    expect(result.stdout).toBe("");
  });

  it("cannot start with a bad policy: names the key, the value and what is expected", async () => {
    const policy = path.join(dir, "bad-policy.yaml");
    await writeFile(policy, "deadlines:\n  result: three days\n");
    const result = await cli(
      { DATABASE_URL: db.url ?? "", POLICY_FILE: policy },
      "complaint help\n",
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/deadlines\.result.*"three days".*expected/);
  });

  it("cannot start with a bad setting: names the variable", async () => {
    const result = await cli({ DATABASE_URL: db.url ?? "", LOG_LEVEL: "loud" }, "complaint help\n");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/LOG_LEVEL="loud": expected one of/);
  });
});
