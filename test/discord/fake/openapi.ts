// Discord's OpenAPI description (shared/refdata) as a contract: which routes
// exist, and whether a request body fits the route's schema. A small JSON
// Schema interpreter covers what the description uses: $ref, allOf, anyOf /
// oneOf (as "any branch fits"), type (with null), enum, const, min/max
// length, items, pattern, minimum/maximum, required, properties. Properties
// a schema does not declare are reported too, so a misspelt field (or
// `ephemeral: true` instead of flags) cannot slip through.
import { readFileSync } from "node:fs";
import path from "node:path";

export const SPEC_PATH = path.resolve(
  import.meta.dirname,
  "../../../../shared/refdata/discord-api-spec/openapi.json",
);

type Schema = Record<string, unknown>;

interface Spec {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  template: string;
  method: string;
  /** The JSON request body schema, if the operation takes one. */
  body: Schema | undefined;
}

let loaded: Spec | undefined;
function spec(): Spec {
  loaded ??= JSON.parse(readFileSync(SPEC_PATH, "utf8")) as Spec;
  return loaded;
}

interface Route {
  template: string;
  pattern: RegExp;
  literals: number;
}
let routes: Route[] | undefined;

function compiled(): Route[] {
  routes ??= Object.keys(spec().paths)
    .map((template) => {
      const parts = template.split("/").filter(Boolean);
      const pattern = new RegExp(
        `^/${parts.map((p) => (p.startsWith("{") ? "[^/]+" : escape(p))).join("/")}$`,
      );
      return { template, pattern, literals: parts.filter((p) => !p.startsWith("{")).length };
    })
    // `/messages/@original` before `/messages/{message_id}`.
    .sort((a, b) => b.literals - a.literals);
  return routes;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The operation for a request path (after /api/v10, decoded), or null if Discord has none. */
export function findOperation(method: string, pathname: string): Operation | null {
  const route = compiled().find((r) => r.pattern.test(pathname));
  if (!route) return null;
  const op = spec().paths[route.template]?.[method.toLowerCase()] as Schema | undefined;
  if (!op) return null;
  const content = (op.requestBody as Schema | undefined)?.content as
    Record<string, { schema?: Schema }> | undefined;
  return {
    template: route.template,
    method: method.toUpperCase(),
    body: content?.["application/json"]?.schema,
  };
}

export function schemaByName(name: string): Schema {
  const s = spec().components.schemas[name];
  if (!s) throw new Error(`no schema ${name}`);
  return s;
}

/** Every way `value` does not fit `schema`, as "path: problem" lines (empty: fits). */
export function validate(schema: Schema, value: unknown, at = "body"): string[] {
  const s = resolve(schema);
  const errors: string[] = [];
  if (Array.isArray(s.allOf))
    for (const sub of s.allOf as Schema[]) errors.push(...validate(sub, value, at));
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = s[key] as Schema[] | undefined;
    if (!Array.isArray(branches)) continue;
    const results = branches.map((b) => validate(b, value, at));
    if (!results.some((r) => r.length === 0)) {
      const best = results.reduce((a, b) => (b.length < a.length ? b : a));
      errors.push(...best);
    }
  }
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => hasType(value, t))) {
      errors.push(
        `${at}: expected ${types.join(" or ")}, got ${JSON.stringify(value)?.slice(0, 60)}`,
      );
      return errors;
    }
  }
  if (Array.isArray(s.enum) && !(s.enum as unknown[]).includes(value)) {
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  }
  if ("const" in s && s.const !== value) errors.push(`${at}: must be ${JSON.stringify(s.const)}`);
  if (typeof value === "string") {
    const len = Array.from(value).length;
    if (typeof s.minLength === "number" && len < s.minLength)
      errors.push(`${at}: shorter than ${s.minLength}`);
    if (typeof s.maxLength === "number" && len > s.maxLength)
      errors.push(`${at}: ${len} characters, more than ${s.maxLength}`);
    if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value))
      errors.push(`${at}: ${JSON.stringify(value)} does not match ${s.pattern}`);
  }
  if (typeof value === "number") {
    if (typeof s.minimum === "number" && value < s.minimum)
      errors.push(`${at}: below ${s.minimum}`);
    if (typeof s.maximum === "number" && value > s.maximum)
      errors.push(`${at}: above ${s.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === "number" && value.length < s.minItems)
      errors.push(`${at}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === "number" && value.length > s.maxItems)
      errors.push(`${at}: ${value.length} items, more than ${s.maxItems}`);
    if (s.items && typeof s.items === "object") {
      value.forEach((v, i) => errors.push(...validate(s.items as Schema, v, `${at}[${i}]`)));
    }
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const name of (s.required as string[] | undefined) ?? []) {
      if (!(name in obj)) errors.push(`${at}.${name}: required`);
    }
    const props = s.properties as Record<string, Schema> | undefined;
    if (props) {
      for (const [name, v] of Object.entries(obj)) {
        const sub = props[name];
        if (sub) errors.push(...validate(sub, v, `${at}.${name}`));
        else if (s.additionalProperties === undefined || s.additionalProperties === false)
          errors.push(`${at}.${name}: not a field Discord knows here`);
      }
    }
    if (s.additionalProperties && typeof s.additionalProperties === "object") {
      for (const [name, v] of Object.entries(obj)) {
        if (!props?.[name])
          errors.push(...validate(s.additionalProperties as Schema, v, `${at}.${name}`));
      }
    }
  }
  return errors;
}

function resolve(schema: Schema): Schema {
  let s = schema;
  for (let i = 0; typeof s.$ref === "string" && i < 20; i++) {
    const name = s.$ref.replace("#/components/schemas/", "");
    s = schemaByName(name);
  }
  return s;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "array":
      return Array.isArray(value);
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

/** Discord's locale codes, from the description's AvailableLocalesEnum. */
export function availableLocales(): Set<string> {
  const schema = spec().components.schemas.AvailableLocalesEnum ?? {};
  const branches = Array.isArray(schema.oneOf) ? (schema.oneOf as Schema[]) : [];
  return new Set(branches.map((b) => b.const).filter((c): c is string => typeof c === "string"));
}
