// Lint enforces the layering of docs/architecture.md: universal code (root, core, resources, query, adapters,
// testing) uses web-standard globals only, and each optional peer is imported by the one entry that
// owns it. Formatting and style are not lint's job here.
import { builtinModules } from "node:module";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

const nodeBuiltins = {
  paths: builtinModules
    .filter((m) => !m.startsWith("_"))
    .map((name) => ({
      name,
      message: "Universal code runs in browsers and Workers: no Node builtins (probe through src/core/runtime.ts).",
    })),
  patterns: [
    {
      group: ["node:*", "bun:*"],
      message: "Universal code runs in browsers and Workers: no runtime-specific modules.",
    },
  ],
};

const peer = (name, owner) => ({
  group: [name, `${name}/*`],
  message: `Only ${owner} imports ${name} (an optional peer dependency).`,
});
const QUERY_CORE = peer("@tanstack/query-core", "src/query");
const MSW = peer("msw", "src/testing/msw.ts");
const SRVX = peer("srvx", "src/testing/server.ts");

/** A relative import (any depth) of one of our own areas, e.g. `../query/keys`. */
const area = (name, message) => ({ regex: `^(\\.\\.?/)+${name}(/|\\.js$|$)`, message });
const NO_QUERY = area(
  "query",
  "src/query is a consumer of the core, not a dependency: adapters, resources and core never import it.",
);
const NO_ADAPTERS = area("adapters", "src/adapters is a leaf entry: nothing else imports it.");
const NO_TESTING = area("testing", "The sandbox is a separate entry: library code never imports it.");
const NO_CLI = area("cli", "The cli may use Node APIs: library code never imports it.");
const NO_RUNTIME_BOUND_TESTING = area(
  "(testing/)?(server|msw)",
  "testing/server and testing/msw are runtime-bound entries: the universal sandbox never imports them.",
);

/** One `no-restricted-imports` setting per area: flat config replaces a rule's options, so each area lists all of its bans. */
const restrict = (...patterns) => [
  "error",
  { paths: nodeBuiltins.paths, patterns: [...nodeBuiltins.patterns, ...patterns] },
];
const restrictPeersOnly = (...patterns) => ["error", { patterns }];

const universalGlobals = [
  "error",
  ...["process", "Buffer", "__dirname", "__filename", "require", "global", "setImmediate"].map((name) => ({
    name,
    message: `'${name}' exists only in Node: universal code uses web-standard globals (runtime probes live in src/core/runtime.ts).`,
  })),
];

const UNIVERSAL_TESTING = ["src/testing/**/*.ts"];
const RUNTIME_BOUND_TESTING = ["src/testing/server.ts", "src/testing/msw.ts"];

export default defineConfig(
  {
    ignores: [
      "dist/**",
      ".stryker-tmp*/**",
      "reports/**",
      "coverage/**",
      "test-output/**",
      "api-docs/**",
      "**/node_modules/**",
      "examples/*/dist/**",
    ],
  },
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"],
    languageOptions: { parser: tseslint.parser, sourceType: "module" },
    plugins: { "@typescript-eslint": tseslint.plugin },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts,js,mjs}"],
    // Directives for rules this config does not run are left alone, not reported.
    linterOptions: { reportUnusedDisableDirectives: "off" },
    rules: {
      "no-debugger": "error",
      // A focused or skipped test silently shrinks the suite.
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name=/^(only|skip)$/]",
          message:
            "No focused or skipped tests: every test runs (use skipIf with a stated condition if a runtime is absent).",
        },
      ],
    },
  },
  // typescript-eslint's recommended type-aware rules on the library source: they catch what tsc lets
  // through (a non-Error thrown, an object printed as "[object Object]", a promise nobody awaits).
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ["src/**/*.ts"] })),
  {
    files: ["src/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A leading underscore marks a parameter kept for its type or its position; `const { a: _, ...rest }`
      // is how a key is left out of a copy.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // Rejecting with an abort signal's `reason` (typed `any`) is what fetch does; only-throw-error
      // allows rethrowing such values by default, and a rejection follows the same rule.
      "@typescript-eslint/prefer-promise-reject-errors": [
        "error",
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
    },
  },
  // Universal areas: Node builtins and Node globals are banned; layering per docs/architecture.md.
  {
    files: [
      "src/*.ts",
      "src/core/**/*.ts",
      "src/resources/**/*.ts",
      "src/query/**/*.ts",
      "src/adapters/**/*.ts",
      ...UNIVERSAL_TESTING,
    ],
    ignores: RUNTIME_BOUND_TESTING,
    rules: { "no-restricted-globals": universalGlobals },
  },
  {
    files: ["src/*.ts"],
    rules: { "no-restricted-imports": restrict(QUERY_CORE, MSW, SRVX, NO_QUERY, NO_ADAPTERS, NO_TESTING, NO_CLI) },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(QUERY_CORE, MSW, SRVX, NO_QUERY, NO_ADAPTERS, NO_TESTING, NO_CLI, {
        regex: "^\\.\\./",
        message: "src/core imports nothing of ours outside src/core.",
      }),
    },
  },
  {
    files: ["src/resources/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(QUERY_CORE, MSW, SRVX, NO_QUERY, NO_ADAPTERS, NO_TESTING, NO_CLI, {
        regex: "^\\.\\./(client|index)(\\.js)?$",
        message: "Resources depend on src/core only; the Client wires them, not the reverse.",
      }),
    },
  },
  {
    files: ["src/query/**/*.ts"],
    rules: { "no-restricted-imports": restrict(MSW, SRVX, NO_ADAPTERS, NO_TESTING, NO_CLI) },
  },
  {
    files: ["src/adapters/**/*.ts"],
    rules: { "no-restricted-imports": restrict(QUERY_CORE, MSW, SRVX, NO_QUERY, NO_TESTING, NO_CLI) },
  },
  {
    files: UNIVERSAL_TESTING,
    ignores: RUNTIME_BOUND_TESTING,
    rules: {
      "no-restricted-imports": restrict(QUERY_CORE, MSW, SRVX, NO_QUERY, NO_ADAPTERS, NO_CLI, NO_RUNTIME_BOUND_TESTING),
    },
  },
  // Runtime-bound entries may use Node, but still import only the peer they own.
  {
    files: ["src/testing/msw.ts"],
    rules: { "no-restricted-imports": restrictPeersOnly(QUERY_CORE, SRVX, NO_QUERY, NO_ADAPTERS, NO_CLI) },
  },
  {
    files: ["src/testing/server.ts"],
    rules: { "no-restricted-imports": restrictPeersOnly(QUERY_CORE, MSW, NO_QUERY, NO_ADAPTERS, NO_CLI) },
  },
  {
    files: ["src/cli/**/*.ts"],
    rules: { "no-restricted-imports": restrictPeersOnly(QUERY_CORE, MSW) },
  },
);
