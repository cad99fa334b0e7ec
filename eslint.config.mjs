import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const uiAndDb = [
  { group: ["react", "react-dom", "react/*", "next", "next/*"], message: "This layer is pure TypeScript: no React or Next." },
  { group: ["@prisma/*", "@/lib/db", "@/lib/db/*", "@/lib/generated/*"], message: "This layer never touches the database." },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next*/**", "e2e/.tmp/**", "node_modules/**", "lib/generated/**", "playwright-report/**", "test-results/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    // Layer boundaries (ARCHITECTURE.md): the engine, graph, models and tools stay free of UI and persistence.
    files: ["lib/engine/**", "lib/graph/**", "lib/models/**", "lib/tools/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [...uiAndDb, { group: ["@/app/*", "@/components/*", "@/lib/runs/*", "@/lib/stores/*"], message: "Imports point downward only." }] }],
    },
  },
  {
    files: ["lib/graph/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [...uiAndDb, { group: ["@/lib/*", "!@/lib/graph", "!@/lib/graph/*"], message: "lib/graph imports nothing app-level." }] }],
    },
  },
  {
    files: ["components/**", "lib/stores/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@prisma/*", "@/lib/db", "@/lib/db/*", "@/lib/runs/*", "@/lib/generated/*"], message: "UI code never touches the database or the run service." }] }],
    },
  },
];

export default config;
