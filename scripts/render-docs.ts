// npm run docs: regenerates the README sections that come from the code.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderFormattedReadme } from "../src/docs/reference.ts";

const path = fileURLToPath(new URL("../README.md", import.meta.url));
const before = readFileSync(path, "utf8");
const after = await renderFormattedReadme(before, path);
if (after !== before) writeFileSync(path, after);
process.stdout.write(after === before ? "README.md is up to date\n" : "README.md updated\n");
