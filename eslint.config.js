// ESLint flat config for complaint-desk.
//
// Type-aware linting (typescript-eslint `recommendedTypeChecked` plus a few
// stricter rules) for all TypeScript; plain JS config files get the same
// style rules without type information. `src/core` is the platform-free
// engine: it gets import/global restrictions so it cannot reach adapters,
// storage, queues, configuration, the file system or `process.env`.
// test/boundary.test.ts enforces the same boundary independently of ESLint.

import path from "node:path";

import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

const rootDir = import.meta.dirname;
const coreDir = path.join(rootDir, "src", "core");

// Packages (and Node built-ins) src/core must never import. Bare and `node:`
// spellings are both listed where Node accepts both.
const coreForbiddenPackages = [
  "@slack/*",
  "discord.js",
  "discord.js/*",
  "bullmq",
  "bullmq/*",
  "ioredis",
  "ioredis/*",
  "@prisma/*",
  "prisma",
  "prisma/*",
  "pg",
  "pg/*",
  "pino",
  "pino/*",
  // Node built-ins: file system, processes, networking, module loading.
  // Keep in sync with CORE_FORBIDDEN_BUILTINS in test/boundary.test.ts.
  ...[
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
  ].flatMap((m) => [`node:${m}`, `node:${m}/*`, m, `${m}/*`]),
];

// Bare specifiers src/core may import (besides `node:` built-ins that are not
// forbidden above). Keep in sync with CORE_PACKAGE_ALLOWLIST in
// test/boundary.test.ts.
const corePackageAllowlist = ["zod"];

const isWithin = (dir, target) => {
  const rel = path.relative(dir, target);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

const isForbiddenPackage = (spec) =>
  coreForbiddenPackages.some((p) =>
    p.endsWith("/*") ? spec.startsWith(p.slice(0, -1)) : spec === p,
  );

const isAllowedPackage = (spec) =>
  spec.startsWith("node:") ||
  corePackageAllowlist.some((p) => spec === p || spec.startsWith(`${p}/`));

/**
 * Local rule: every import in src/core must resolve inside src/core, be a
 * `node:` built-in, or be an allow-listed package. Resolves relative paths
 * precisely (unlike pattern matching), and also covers dynamic `import()`,
 * `import x = require()` and `import("x").T` type queries.
 */
const coreBoundaryRule = {
  meta: {
    type: "problem",
    docs: { description: "Keep src/core free of imports from outside src/core." },
    schema: [],
    messages: {
      escape:
        "'{{spec}}' resolves outside src/core. The core engine must not depend on adapters, store, worker, config or generated code; inject a port instead.",
      absolute: "Absolute import '{{spec}}' is not allowed in src/core.",
      package:
        "Package '{{spec}}' is not allowed in src/core (allowed: node: built-ins, {{allow}}).",
      computed: "Dynamic import() in src/core must use a string literal specifier.",
    },
  },
  create(context) {
    const filename = context.filename;
    if (!isWithin(coreDir, filename)) return {};

    const check = (node, spec) => {
      if (spec === undefined) {
        context.report({ node, messageId: "computed" });
        return;
      }
      if (spec.startsWith(".")) {
        const resolved = path.resolve(path.dirname(filename), spec);
        if (!isWithin(coreDir, resolved)) {
          context.report({ node, messageId: "escape", data: { spec } });
        }
      } else if (path.isAbsolute(spec) || spec.startsWith("file:")) {
        context.report({ node, messageId: "absolute", data: { spec } });
      } else if (!isAllowedPackage(spec) && !isForbiddenPackage(spec)) {
        // Forbidden packages are already reported by no-restricted-imports.
        context.report({
          node,
          messageId: "package",
          data: { spec, allow: corePackageAllowlist.join(", ") },
        });
      }
    };

    const literalValue = (node) => {
      if (!node) return undefined;
      if (node.type === "Literal" && typeof node.value === "string") return node.value;
      if (node.type === "TemplateLiteral" && node.expressions.length === 0) {
        return node.quasis[0]?.value.cooked ?? undefined;
      }
      if (node.type === "TSLiteralType") return literalValue(node.literal);
      return undefined;
    };

    return {
      ImportDeclaration: (node) => check(node, literalValue(node.source)),
      ExportNamedDeclaration: (node) => {
        if (node.source) check(node, literalValue(node.source));
      },
      ExportAllDeclaration: (node) => check(node, literalValue(node.source)),
      ImportExpression: (node) => check(node, literalValue(node.source)),
      TSImportEqualsDeclaration: (node) => {
        if (node.moduleReference.type === "TSExternalModuleReference") {
          check(node, literalValue(node.moduleReference.expression));
        }
      },
      TSImportType: (node) => check(node, literalValue(node.argument)),
    };
  },
};

const localPlugin = {
  meta: { name: "complaint-desk-local" },
  rules: { "core-boundary": coreBoundaryRule },
};

const tsFiles = ["**/*.{ts,tsx,mts,cts}"];
const jsFiles = ["**/*.{js,mjs,cjs}"];
const testFiles = ["test/**/*.{ts,mts,cts}"];

export default defineConfig([
  globalIgnores([
    "src/generated/**",
    "**/node_modules/**",
    "data/**",
    "coverage/**",
    "bench/results/**",
  ]),

  {
    name: "complaint-desk/base",
    linterOptions: { reportUnusedDisableDirectives: "error" },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
  },

  js.configs.recommended,

  // Type-aware TypeScript rules.
  {
    files: tsFiles,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: rootDir,
      },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": [
        "error",
        {
          prefer: "type-imports",
          fixStyle: "separate-type-imports",
          // `typeof import("x")` is the idiomatic type of a lazily imported module.
          disallowTypeAnnotations: false,
        },
      ],
      "@typescript-eslint/no-import-type-side-effects": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true },
      ],
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // Async implementations of async interfaces (in-memory fakes, ports)
      // legitimately have no `await`.
      "@typescript-eslint/require-await": "off",
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },

  // JS files (this config, tooling scripts) are not part of the TS program.
  {
    files: jsFiles,
    extends: [tseslint.configs.disableTypeChecked],
  },

  // src/core: platform-free engine.
  {
    name: "complaint-desk/core-boundary",
    files: ["src/core/**/*.{ts,tsx,mts,cts,js,mjs,cjs}"],
    plugins: { local: localPlugin },
    rules: {
      "local/core-boundary": "error",
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: coreForbiddenPackages,
              message:
                "src/core is platform-free: no chat SDKs, queues, Redis, Prisma/Postgres, logging backends, file system, processes or network servers. Inject a port instead.",
            },
            {
              group: ["**/adapters", "**/adapters/**"],
              message:
                "src/core must not import adapters; adapters depend on core, not vice versa.",
            },
            {
              regex: "(^|/)src/(store|worker|config|generated)(/|$)",
              message:
                "src/core must not import src/store, src/worker, src/config or src/generated; inject a port instead.",
            },
          ],
        },
      ],
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "src/core must not read process.env; receive configuration as parameters.",
        },
        {
          object: "globalThis",
          property: "process",
          message: "src/core must not touch the process; receive configuration as parameters.",
        },
      ],
      "no-restricted-globals": [
        "error",
        {
          name: "require",
          message: "src/core is ESM; use static imports.",
        },
      ],
    },
  },

  // Adapters talk to core and the app facade, never to storage directly.
  {
    name: "complaint-desk/adapter-boundary",
    files: ["adapters/**/*.{ts,tsx,mts,cts,js,mjs,cjs}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^|/)src/(store|generated)(/|$)",
              message:
                "Adapters must not import src/store or src/generated; go through core and the app facade.",
            },
          ],
        },
      ],
    },
  },

  // Tests: allow the usual shortcuts around fixtures and parsed JSON.
  {
    files: testFiles,
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/no-empty-function": "off",
    },
  },

  // Must stay last: turns off rules that conflict with Prettier.
  prettier,
]);
