import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import boundaries from "eslint-plugin-boundaries";

/*
 * Layer boundaries (ARCHITECTURE.md, "Layers"): every file belongs to one element, and an
 * import between elements is refused unless the importer's row below allows it. Imports are
 * resolved to files first (TypeScript paths and relative paths alike), so `@/lib/runs`,
 * `@/lib/runs/service` and `../runs` are one and the same dependency on lib/runs.
 */
const elements = [
  ["app", "app"],
  ["components", "components"],
  ["stores", "lib/stores"],
  ["evals", "lib/evals"],
  ["runs", "lib/runs"],
  ["graphs", "lib/graphs"],
  ["workspaces", "lib/workspaces"],
  ["documents", "lib/documents"],
  ["api", "lib/api"],
  ["engine", "lib/engine"],
  ["models", "lib/models"],
  ["tools", "lib/tools"],
  ["graph", "lib/graph"],
  ["auth", "lib/auth"],
  ["db", ["lib/db", "lib/generated"]],
  ["e2e", "e2e"],
  ["prisma", "prisma"],
].map(([type, pattern]) => ({ type, pattern, partialMatch: false }));

/** Response and event shapes the browser shares with the server: the only server modules UI code may `import type` from. */
const WIRE_TYPES = [
  "lib/engine/events.ts",
  "lib/models/estimate.ts",
  "lib/auth/api-keys.ts",
  "lib/auth/invitations.ts",
  "lib/auth/roles.ts",
  "lib/auth/workspace-membership.ts",
  "lib/runs/share-links.ts",
  "lib/workspaces/provider.ts",
  "lib/workspaces/provider-entries.ts",
  "lib/workspaces/mcp-servers.ts",
  "lib/workspaces/http-tools.ts",
  "lib/documents/collections.ts",
  "lib/documents/upload.ts",
  "lib/evals/wire.ts",
];

// Single files are classified on the file axis (element patterns name folders).
const files = [
  { category: "errors", pattern: "lib/errors.ts" },
  { category: "root", pattern: ["*.ts", "*.mjs"] }, // tool configs and Next's instrumentation hook
  { category: "test", pattern: ["**/*.test.ts", "**/*.test.tsx"] },
  { category: "test-support", pattern: ["lib/**/testing.ts", "lib/engine/test-harness.ts"] },
  { category: "bench", pattern: "e2e/perf/**" }, // benchmarks drive the engine with the same instant client its tests use
  { category: "wire", pattern: WIRE_TYPES },
];

const layer = (type, fileInternalPath) => ({ element: fileInternalPath ? { type, fileInternalPath } : { type } });
const errors = { file: { categories: "errors" } };
const root = { file: { categories: "root" } };
const libAndComponents = elements.map((e) => e.type).filter((type) => !["app", "e2e", "prisma"].includes(type));
const everythingBelowApp = [...libAndComponents.map((type) => layer(type)), errors];
// The pure, browser-safe part of lib/models (catalog, cost math, provider kinds and adapters): never the SDK client factory, the simulator or the barrel re-exporting them.
const modelsPure = layer("models", ["catalog.ts", "cost.ts", "providers/*.ts"]);
const pureLayers = ["graph", "models", "engine", "tools"].map((type) => layer(type));

/** What each layer may import besides itself: ARCHITECTURE.md's table, row by row. */
const mayImport = {
  app: everythingBelowApp,
  // The launcher prices a run as the task is typed: the engine's estimator is pure and browser-safe (it builds the engine's prompts).
  components: [layer("stores"), layer("graph"), modelsPure, layer("models", "estimate.ts"), layer("engine", "estimate/*.ts")],
  stores: [layer("graph"), layer("engine", ["events.ts", "run-summary.ts"]), modelsPure],
  // Experiments read the stored graph (the migrating read boundary) and the workspace's provider, for a rubric judge.
  evals: [layer("runs"), layer("graphs"), layer("workspaces"), layer("graph"), layer("models"), layer("db"), errors],
  // Runs carry a graph document snapshot; share links mint and hash tokens with the helpers API keys use.
  runs: [layer("engine"), layer("db"), layer("graph"), layer("models"), layer("tools"), layer("graphs"), layer("workspaces"), layer("documents"), layer("auth", "secrets.ts"), errors],
  graphs: [layer("db"), layer("graph"), layer("models"), layer("tools"), layer("auth"), errors],
  workspaces: [layer("db"), layer("graph"), layer("models"), layer("tools"), layer("auth"), errors],
  documents: [layer("db"), layer("graph"), layer("models"), layer("tools"), layer("auth"), errors],
  api: [layer("auth"), errors],
  // The tokenizer counts what interrupted calls used; it stays out of the browser-safe set the UI may import.
  // The estimator prices simulated runs by what the simulator is known to do (its directives, which tiers it bills reasoning on).
  engine: [layer("graph"), modelsPure, layer("models", ["tokens.ts", "estimate.ts", "simulator/directives.ts", "simulator/reasoning.ts"])],
  // "Nothing app-level": the catalog is keyed by the graph's tiers, and lib/graph is the pure leaf.
  models: [layer("graph")],
  tools: [],
  graph: [],
  auth: [layer("db"), errors],
  db: [layer("db")],
  e2e: [...everythingBelowApp, root], // benchmarks drive lib directly and read the Playwright config
  prisma: [layer("db")],
};

const policies = [
  { allow: { to: { module: { origin: ["external", "core"] } } } },
  ...Object.entries(mayImport)
    .filter(([, targets]) => targets.length > 0)
    .map(([type, targets]) => ({ from: layer(type), allow: { to: targets } })),
  { from: root, allow: { to: [layer("app"), ...everythingBelowApp, layer("e2e")] } },
  // UI code may read the server's wire shapes, as types only: nothing of the server reaches the bundle.
  { from: layer("components"), allow: { to: { file: { categories: "wire" } }, dependency: { kind: "type" } } },
  // Tests (and their helpers) may also assemble the real engine, simulator and tools, helpers included.
  { from: { file: { categories: { anyOf: ["test", "test-support"] } } }, allow: { to: pureLayers } },
  {
    from: [{ file: { isUnknown: true } }, { file: { categories: { noneOf: ["test", "test-support", "bench"] } } }],
    disallow: { to: { file: { categories: "test-support" } } },
    message: "Test helpers are for tests only.",
  },
  {
    from: [layer("engine"), layer("graph"), layer("models"), layer("tools")],
    disallow: { to: { module: { origin: "external", source: ["react", "react-dom", "next", "@xyflow/*", "@prisma/*", "prisma", "better-sqlite3"] } } },
    message: "lib/engine, lib/graph, lib/models and lib/tools are pure TypeScript: no React, Next or Prisma.",
  },
  // An `@/` path that does not resolve would pass as a package: refuse it rather than let it slip past the rows above.
  { disallow: { to: { module: { origin: "external", source: "@/*" } } }, message: "This `@/` import does not resolve to a file of the project." },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next*/**", "e2e/.tmp/**", "lib/lint-fixtures/**", "node_modules/**", "lib/generated/**", "playwright-report/**", "test-results/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    plugins: { boundaries },
    settings: {
      "boundaries/elements": elements,
      "boundaries/files": files,
    },
    rules: {
      "boundaries/dependencies": ["error", { default: "disallow", checkAllOrigins: true, checkUnknownLocals: true, policies }],
      "boundaries/no-unknown-files": "error",
      "boundaries/no-unknown-dependencies": "error",
    },
  },
  {
    // Layers already point one way; this keeps the modules inside each layer acyclic too.
    files: ["lib/**"],
    settings: { "import/ignore": ["node_modules"] }, // parsing packages' type definitions is most of the cost, and they never import us
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
];

export default config;
