/**
 * Architecture boundary test.
 *
 * src/core is the platform-free engine: it may import only other files inside
 * src/core, `node:` built-ins (minus file system, processes, networking) and
 * the allow-listed packages below. It must not read `process.env`. Type-only
 * imports are NOT exempt.
 *
 * adapters/* talk to core and the app facade; they never import src/store or
 * src/generated directly.
 *
 * Imports are found with regular expressions over comment-stripped source
 * (static `import … from`, `export … from`, side-effect `import "x"`, dynamic
 * `import()` / `import("x").T` type queries, and `require()`). As a guard
 * against the regexes silently missing a form, every file's imports are also
 * listed by TypeScript's own pre-processor and must be a subset of what the
 * regex scanner found. The self-checks at the top plant bad imports in
 * in-memory sources so the test cannot pass vacuously.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const CORE_DIR = path.join(ROOT, "src", "core");
const ADAPTERS_DIR = path.join(ROOT, "adapters");
const STORE_DIR = path.join(ROOT, "src", "store");
const GENERATED_DIR = path.join(ROOT, "src", "generated");

/** Bare package specifiers src/core may import (and their subpaths). Keep in sync with eslint.config.js. */
const CORE_PACKAGE_ALLOWLIST = ["zod"];

/** `node:` built-ins src/core must not import (nor their subpaths, e.g. node:fs/promises). */
const CORE_FORBIDDEN_BUILTINS = [
  "fs",
  "child_process",
  "net",
  "http",
  "https",
  "http2",
  "tls",
  "dgram",
  "cluster",
  "worker_threads",
  "module",
  "process",
];

/** Source patterns src/core must not contain (checked on comment-stripped code). */
const CORE_FORBIDDEN_USAGE: { pattern: RegExp; what: string }[] = [
  { pattern: /\bprocess\s*(?:\?\.|\.)\s*env\b/, what: "process.env" },
  { pattern: /\bprocess\s*(?:\?\.)?\[\s*(['"`])env\1\s*\]/, what: 'process["env"]' },
  {
    pattern: /\{[^{}]*\benv\b[^{}]*\}\s*=\s*(?:globalThis\s*\.\s*)?process\b/,
    what: "{ env } = process",
  },
  { pattern: /\bgetBuiltinModule\b/, what: "process.getBuiltinModule (fs/child_process backdoor)" },
  { pattern: /\bprocess\s*\.\s*binding\b/, what: "process.binding" },
  { pattern: /\bcreateRequire\b/, what: "createRequire" },
];

const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

interface ImportRef {
  /** The module specifier, or null when it is not a plain string literal. */
  specifier: string | null;
  line: number;
}

// ---------------------------------------------------------------------------
// Scanner
// ---------------------------------------------------------------------------

/**
 * Replace comments with spaces (keeping newlines, so line numbers survive).
 * Strings and template literals are kept verbatim so `"//"` inside a string is
 * not mistaken for a comment.
 */
function stripComments(src: string): string {
  const out: string[] = [];
  const n = src.length;
  let i = 0;
  while (i < n) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === "/" && next === "/") {
      while (i < n && src[i] !== "\n") {
        out.push(" ");
        i++;
      }
      continue;
    }
    if (c === "/" && next === "*") {
      out.push("  ");
      i += 2;
      while (i < n && !(src[i] === "*" && src[i + 1] === "/")) {
        out.push(src[i] === "\n" ? "\n" : " ");
        i++;
      }
      if (i < n) {
        out.push("  ");
        i += 2;
      }
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      out.push(c);
      i++;
      while (i < n && src[i] !== c) {
        if (src[i] === "\\" && i + 1 < n) {
          out.push(src[i]!, src[i + 1]!);
          i += 2;
          continue;
        }
        // Ordinary strings cannot span lines; stop so a stray quote (e.g. in
        // a regex literal) cannot swallow the rest of the file.
        if (src[i] === "\n" && c !== "`") break;
        out.push(src[i]!);
        i++;
      }
      if (i < n && src[i] === c) {
        out.push(c);
        i++;
      }
      continue;
    }
    out.push(c);
    i++;
  }
  return out.join("");
}

function lineAt(code: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (code.charCodeAt(i) === 10) line++;
  return line;
}

// `import x from "y"`, `import type { X } from "y"`, `import * as y from "y"`,
// `export { x } from "y"`, `export * from "y"`, `export type { X } from "y"`
const FROM_RE = /(?<![.\w$])(?:import|export)\b[^;'"`]*?\bfrom\s*(['"])([^'"\n]*)\1/g;
// `import "y"` (side effect only)
const SIDE_EFFECT_RE = /(?<![.\w$])import\s*(['"])([^'"\n]*)\1/g;
// `import("y")`, `import("y").T` in type positions, `require("y")`,
// `import x = require("y")`
const CALL_RE = /(?<![.\w$])(?:import|require)\s*\(\s*/g;

/** Read the argument of an `import(`/`require(` call starting at `start`. */
function callArgument(code: string, start: number): string | null {
  const quote = code[start];
  if (quote !== '"' && quote !== "'" && quote !== "`") return null;
  const end = code.indexOf(quote, start + 1);
  if (end < 0) return null;
  const value = code.slice(start + 1, end);
  if (value.includes("\n") && quote !== "`") return null;
  if (quote === "`" && value.includes("${")) return null;
  // `import("a" + b)` is computed, not a literal.
  const after = code.slice(end + 1).match(/^\s*([),])/);
  return after ? value : null;
}

function scanImports(source: string): ImportRef[] {
  const code = stripComments(source);
  const refs: ImportRef[] = [];
  for (const re of [FROM_RE, SIDE_EFFECT_RE]) {
    for (const m of code.matchAll(re)) {
      const index = m.index + m[0].length - (m[2]?.length ?? 0) - 2;
      refs.push({ specifier: m[2] ?? null, line: lineAt(code, index) });
    }
  }
  for (const m of code.matchAll(CALL_RE)) {
    refs.push({
      specifier: callArgument(code, m.index + m[0].length),
      line: lineAt(code, m.index),
    });
  }
  return refs.sort((a, b) => a.line - b.line);
}

/** Specifiers TypeScript's pre-processor finds but the regex scanner does not. */
function scannerMisses(source: string, refs: ImportRef[]): string[] {
  const found = new Set(refs.map((r) => r.specifier));
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => f.fileName).filter((name) => !found.has(name));
}

// ---------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------

function isWithin(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

function checkCoreImport(file: string, spec: string | null): string | null {
  if (spec === null) return "dynamic import()/require() with a non-literal specifier";
  if (spec.startsWith(".")) {
    const resolved = path.resolve(path.dirname(file), spec);
    return isWithin(CORE_DIR, resolved)
      ? null
      : `"${spec}" resolves outside src/core (${path.relative(ROOT, resolved)})`;
  }
  if (path.isAbsolute(spec) || spec.startsWith("file:")) return `absolute import "${spec}"`;
  if (spec.startsWith("node:")) {
    const name = spec.slice("node:".length);
    const banned = CORE_FORBIDDEN_BUILTINS.find((b) => name === b || name.startsWith(`${b}/`));
    return banned ? `forbidden built-in "${spec}"` : null;
  }
  if (CORE_PACKAGE_ALLOWLIST.some((p) => spec === p || spec.startsWith(`${p}/`))) return null;
  return `package "${spec}" is not allowed in src/core (allowed: node: built-ins, ${CORE_PACKAGE_ALLOWLIST.join(", ")})`;
}

/** Violations in one src/core source file, as "path:line: message". */
function checkCoreSource(file: string, source: string): string[] {
  const rel = path.relative(ROOT, file);
  const refs = scanImports(source);
  const problems: string[] = [];
  for (const ref of refs) {
    const problem = checkCoreImport(file, ref.specifier);
    if (problem) problems.push(`${rel}:${ref.line}: ${problem}`);
  }
  const code = stripComments(source);
  for (const { pattern, what } of CORE_FORBIDDEN_USAGE) {
    const m = pattern.exec(code);
    if (m) problems.push(`${rel}:${lineAt(code, m.index)}: uses ${what}`);
  }
  for (const miss of scannerMisses(source, refs)) {
    problems.push(`${rel}: import "${miss}" found by TypeScript but missed by the regex scanner`);
  }
  return problems;
}

/** Violations in one adapters/ source file. */
function checkAdapterSource(file: string, source: string): string[] {
  const rel = path.relative(ROOT, file);
  const refs = scanImports(source);
  const problems: string[] = [];
  for (const { specifier, line } of refs) {
    if (specifier === null) continue;
    const reaches = specifier.startsWith(".")
      ? [STORE_DIR, GENERATED_DIR].some((d) =>
          isWithin(d, path.resolve(path.dirname(file), specifier)),
        )
      : /(^|\/)src\/(store|generated)(\/|$)/.test(specifier);
    if (reaches) {
      problems.push(
        `${rel}:${line}: "${specifier}" reaches src/store or src/generated; use core / the app facade`,
      );
    }
  }
  for (const miss of scannerMisses(source, refs)) {
    problems.push(`${rel}: import "${miss}" found by TypeScript but missed by the regex scanner`);
  }
  return problems;
}

function listSourceFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(full);
      } else if (entry.isFile() && SOURCE_FILE.test(entry.name)) {
        files.push(full);
      }
    }
  };
  walk(dir);
  return files.sort();
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

describe("boundary scanner self-check", () => {
  const inEngine = path.join(CORE_DIR, "engine", "planted.ts");
  const atCoreRoot = path.join(CORE_DIR, "planted.ts");

  it("finds every import form and ignores comments", () => {
    const sample = [
      'import a from "a";',
      'import type { B } from "b";',
      "import {",
      "  c1,",
      "  type c2,",
      '} from "c";',
      'import * as d from "d";',
      'import "e";',
      'export * from "f";',
      'export { g } from "g";',
      'export type { H } from "h";',
      'const i = await import("i");',
      "const j = await import(`j`);",
      'type K = import("k").K;',
      'import l = require("l");',
      "const m = await import(name);",
      '// import x from "commented-line";',
      '/* import y from "commented-block"; */',
      'const s = "// not a comment"; import n from "n";',
    ].join("\n");
    const refs = scanImports(sample);
    expect(refs.map((r) => r.specifier)).toEqual([
      "a",
      "b",
      "c",
      "d",
      "e",
      "f",
      "g",
      "h",
      "i",
      "j",
      "k",
      "l",
      null,
      "n",
    ]);
    expect(refs.find((r) => r.specifier === "c")?.line).toBe(6);
    expect(scannerMisses(sample, refs)).toEqual([]);
  });

  const bad: [string, string, string][] = [
    ["adapter (relative)", inEngine, 'import { app } from "../../../adapters/slack/app.ts";'],
    ["adapter (two levels)", atCoreRoot, 'import { app } from "../../adapters/slack/app.ts";'],
    ["store", inEngine, 'import { db } from "../../store/db.ts";'],
    ["store from core root", atCoreRoot, 'import { db } from "../store/db.ts";'],
    ["store, multi-line", inEngine, 'import {\n  a,\n  b,\n} from "../../store/x.ts";'],
    [
      "generated, type-only",
      inEngine,
      'import type { T } from "../../generated/prisma/client.ts";',
    ],
    ["config re-export", inEngine, 'export * from "../../config/index.ts";'],
    ["worker side-effect", inEngine, 'import "../../worker/register.ts";'],
    ["worker dynamic", inEngine, 'const w = await import("../../worker/main.ts");'],
    ["store type query", inEngine, 'type Row = import("../../store/rows.ts").Row;'],
    ["absolute path", inEngine, 'import { x } from "/etc/x.ts";'],
    ["computed dynamic", inEngine, "const m = await import(name);"],
    ["@slack", inEngine, 'import { App } from "@slack/bolt";'],
    ["discord.js", inEngine, 'import { Client } from "discord.js";'],
    ["bullmq", inEngine, 'import { Queue } from "bullmq";'],
    ["ioredis", inEngine, 'import Redis from "ioredis";'],
    ["@prisma", inEngine, 'import { PrismaClient } from "@prisma/client";'],
    ["pg", inEngine, 'import pg from "pg";'],
    ["pino", inEngine, 'import pino from "pino";'],
    ["yaml (not allow-listed)", inEngine, 'import YAML from "yaml";'],
    ["node:fs/promises", inEngine, 'import { readFile } from "node:fs/promises";'],
    ["bare fs", inEngine, 'import * as fs from "fs";'],
    ["child_process", inEngine, 'import { spawn } from "node:child_process";'],
    ["node:net", inEngine, 'import net from "node:net";'],
    ["node:http", inEngine, 'import http from "node:http";'],
    ["require fs", inEngine, 'const fs = require("fs");'],
    ["process.env", inEngine, "const url = process.env.DATABASE_URL;"],
    ["process.env[]", inEngine, 'const url = process["env"]["DATABASE_URL"];'],
    ["env destructuring", inEngine, "const { env } = process;"],
    ["getBuiltinModule", inEngine, 'const fs = process.getBuiltinModule("fs");'],
  ];

  it.each(bad)("flags planted bad code: %s", (_name, file, source) => {
    expect(checkCoreSource(file, source)).not.toEqual([]);
  });

  it("accepts legitimate core code", () => {
    const good = [
      'import { z } from "zod";',
      'import { z as z4 } from "zod/v4";',
      'import { randomUUID } from "node:crypto";',
      'import type { Ticket } from "./ticket.ts";',
      'export * from "../policy/index.ts";',
      'import { limits } from "../config.ts"; // src/core/config.ts, inside core',
      'const lazy = await import("./lazy.ts");',
      '// import { db } from "../../store/db.ts";',
      "/* process.env.DATABASE_URL */",
      "export const environment = { env: 1 };",
    ].join("\n");
    expect(checkCoreSource(inEngine, good)).toEqual([]);
  });

  it("flags an adapter importing storage directly, and accepts core imports", () => {
    const adapter = path.join(ADAPTERS_DIR, "slack", "app.ts");
    expect(checkAdapterSource(adapter, 'import { db } from "../../src/store/db.ts";')).toHaveLength(
      1,
    );
    expect(
      checkAdapterSource(adapter, 'import type { T } from "../../src/generated/prisma/client.ts";'),
    ).toHaveLength(1);
    expect(
      checkAdapterSource(adapter, 'import { handle } from "../../src/core/engine.ts";'),
    ).toEqual([]);
  });
});

describe("architecture boundary", () => {
  it("src/core imports only src/core, safe node: built-ins and allow-listed packages", () => {
    const files = listSourceFiles(CORE_DIR);
    expect(files.length, "no source files found under src/core").toBeGreaterThan(0);
    const problems = files.flatMap((f) => checkCoreSource(f, readFileSync(f, "utf8")));
    expect(problems).toEqual([]);
  });

  it("adapters never import src/store or src/generated directly", () => {
    const files = listSourceFiles(ADAPTERS_DIR);
    const problems = files.flatMap((f) => checkAdapterSource(f, readFileSync(f, "utf8")));
    expect(problems).toEqual([]);
  });
});
