import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestEngine, seedTeam, type TestEngine } from "../helpers/engine.ts";

describe("the chat client's language (Discord's interaction locale)", () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine("postgres");
    await seedTeam(t);
  });
  afterAll(async () => t?.close());

  it("answers in the language the client reports, for replies and errors alike", async () => {
    const zh = await t.engine.run(["staff", "list"], { dept: "billing" }, "amy", {
      locale: "zh-CN",
    });
    const en = await t.engine.run(["staff", "list"], { dept: "billing" }, "amy");
    expect(zh.ok && en.ok).toBe(true);
    expect(zh.text).not.toBe(en.text);
    expect(zh.text).toMatch(/[\u4e00-\u9fff]/);
    const bad = await t.engine.execute('complaint open content:"x', "amy", { locale: "zh-CN" });
    expect(!bad.ok && bad.error.code).toBe("E_PARSE");
    expect(bad.text).toMatch(/[\u4e00-\u9fff]/);
  });
});
