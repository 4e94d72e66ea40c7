import { readFileSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { policySchema, type Policy } from "../core/policy/schema.ts";
import { ConfigError, describeIssue, formatPath, showValue } from "./errors.ts";

/** The policy shipped with the code; used when POLICY_FILE is not set. */
export const DEFAULT_POLICY_FILE = fileURLToPath(
  new URL("../../policy.default.yaml", import.meta.url),
);

/** Reads, parses and validates a policy file; every problem in it is reported in one ConfigError. */
export function loadPolicy(path: string = DEFAULT_POLICY_FILE): Policy {
  const label = displayName(path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new ConfigError(
      `${label}: cannot read the policy file (${reason}): expected a readable YAML file; check POLICY_FILE`,
      { cause: error },
    );
  }
  return parsePolicy(text, label);
}

/** The same, from text already in memory; `label` names the source in messages. */
export function parsePolicy(text: string, label = "policy"): Policy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // prettyErrors appends "at line L, column C:" and a source excerpt; keep the one-line part.
    throw new ConfigError(
      doc.errors.map(
        (e) => `${label}: YAML syntax error: ${(e.message.split("\n")[0] ?? "").replace(/:$/, "")}`,
      ),
      { heading: `${label}: ${doc.errors.length} YAML syntax errors:` },
    );
  }

  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigError(
      `${label}: top level = ${showValue(raw)}: expected a mapping of policy keys (timezone, deadlines, …)`,
    );
  }

  const result = policySchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const locate = (path: readonly PropertyKey[]) => position(doc, lineCounter, path);
  const problems = flattenIssues(result.error.issues).flatMap((i) =>
    problemLines(i, raw, label, locate),
  );
  throw new ConfigError(problems, {
    heading: `${label}: ${problems.length} problems in the policy:`,
  });
}

// ---------------------------------------------------------------- messages

type Locate = (path: readonly PropertyKey[]) => string;

function problemLines(
  issue: z.core.$ZodIssue,
  raw: unknown,
  label: string,
  locate: Locate,
): string[] {
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(policySchema, issue.path);
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const guess = suggest(key, known);
      const advice = guess
        ? `did you mean ${JSON.stringify(guess)}?`
        : `expected one of ${known.join(", ")}`;
      return `${label}: ${formatPath(path)}: unknown key; ${advice}${locate(path)}`;
    });
  }
  if (issue.code === "invalid_key") {
    const key = issue.path[issue.path.length - 1];
    const why = issue.issues[0] ? describeIssue(issue.issues[0]) : "expected a different key";
    return [
      `${label}: ${formatPath(issue.path)}: the key ${showValue(key)} is not allowed: ${why}${locate(issue.path)}`,
    ];
  }
  const found = lookup(raw, issue.path);
  const where = formatPath(found.path) || "(top level)";
  const value = found.present ? ` = ${showValue(found.value)}` : " is missing";
  return [`${label}: ${where}${value}: ${describeIssue(issue)}${locate(found.path)}`];
}

/** A union's issue hides the useful ones; keep the branch that got furthest, or the union's own message. */
function flattenIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
    const deep = issue.errors.filter((branch) =>
      branch.some((i) => i.path.length > 0 || i.code !== "invalid_type"),
    );
    if (deep.length !== 1 || !deep[0]) return [issue];
    return flattenIssues(deep[0].map((i) => ({ ...i, path: [...issue.path, ...i.path] })));
  });
}

/**
 * The value the author wrote at `path`. A shorthand (a bare "P3D" where the
 * schema widened it to { after: "P3D" }) stops the walk early, so the message
 * names the key that actually holds the text.
 */
function lookup(raw: unknown, path: readonly PropertyKey[]) {
  let value: unknown = raw;
  for (let i = 0; i < path.length; i++) {
    if (typeof value !== "object" || value === null)
      return { path: path.slice(0, i), value, present: true };
    const key = path[i] as PropertyKey;
    if (!Object.hasOwn(value, key)) return { path, value: undefined, present: false };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { path, value, present: true };
}

function position(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): string {
  // Point at the key of the last segment when there is one: that is the line the author edits.
  const parent = path.length > 0 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const last = String(path[path.length - 1]);
  let range: readonly number[] | null | undefined;
  if (isMap(parent)) {
    const pair = parent.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === last);
    if (pair && isNode(pair.key)) range = pair.key.range;
  }
  if (!range) {
    const node: unknown = doc.getIn(path, true);
    if (isNode(node)) range = node.range;
  }
  if (!range && isNode(parent)) range = parent.range;
  const offset = range?.[0];
  if (offset === undefined) return "";
  const { line, col } = lines.linePos(offset);
  return ` (line ${line}, column ${col})`;
}

// ---------------------------------------------------------------- did you mean

/** Keys the schema accepts at `path`, found by walking the schema the way the parser did. */
function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const shapes = objectsAt(schema, path);
  return [...new Set(shapes.flatMap((s) => Object.keys(s.shape)))];
}

function objectsAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.ZodObject[] {
  if (
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault ||
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable
  ) {
    return objectsAt(schema.unwrap(), path);
  }
  if (schema instanceof z.ZodPipe)
    return [...objectsAt(schema.in, path), ...objectsAt(schema.out, path)];
  if (schema instanceof z.ZodUnion) return schema.options.flatMap((o) => objectsAt(o, path));
  const [head, ...rest] = path;
  if (head === undefined) return schema instanceof z.ZodObject ? [schema] : [];
  if (schema instanceof z.ZodObject) {
    const child = (schema.shape as Record<string, z.core.$ZodType | undefined>)[String(head)];
    return child ? objectsAt(child, rest) : [];
  }
  if (schema instanceof z.ZodArray) return objectsAt(schema.element, rest);
  if (schema instanceof z.ZodRecord) return objectsAt(schema.valueType, rest);
  return [];
}

export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const score = candidate.toLowerCase() === lower ? 0 : distance(lower, candidate.toLowerCase());
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  // Two typos in a short word is already a different word.
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return bestScore <= limit ? best : undefined;
}

/** Optimal-string-alignment distance: Levenshtein plus adjacent swaps ("firstRpely"). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return at(a.length, b.length);
}

/** Relative to the working directory when inside it: short and clickable in a terminal. */
function displayName(path: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
