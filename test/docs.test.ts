import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { renderFormattedReadme } from "../src/docs/reference.ts";

describe("README", () => {
  it("has generated sections that match the code (run npm run docs)", async () => {
    const path = fileURLToPath(new URL("../README.md", import.meta.url));
    const readme = readFileSync(path, "utf8");
    expect(await renderFormattedReadme(readme, path)).toBe(readme);
  });

  it("gives the two commands: set up and run, then test", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]?.trim());
    expect(blocks[0]).toBe("npm ci && npm start");
    expect(blocks[1]).toBe("npm test");
    expect(readFileSync(new URL("../.ci/run", import.meta.url), "utf8")).toContain(
      "npm test </dev/null",
    );
  });
});
