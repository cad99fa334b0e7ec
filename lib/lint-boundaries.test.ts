/**
 * The layer table of ARCHITECTURE.md is enforced by eslint.config.mjs. These cases run the real
 * config through ESLint's Node API on files that exist only in memory (`lintText` with a path
 * in the layer under test), so the normal `eslint .` never sees them; the import cycle needs
 * real files, kept in lib/lint-fixtures/ (ignored by `eslint .`, linted here with ignores off).
 */
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
let eslint: ESLint;

beforeAll(async () => {
  // import/no-cycle reads every module from disk, so it cannot lint in-memory files; it has its own case below.
  eslint = new ESLint({ cwd: root, overrideConfig: { rules: { "import/no-cycle": "off" } } });
  await eslint.lintText("export {};\n", { filePath: "lib/graph/warm-up.ts" }); // loads the config, parser and resolver once
}, 60_000);

interface Problem {
  file: string;
  line: number;
  rule: string | null;
  message: string;
}

async function lint(file: string, code: string): Promise<Problem[]> {
  const results = await eslint.lintText(code, { filePath: file });
  return results.flatMap((result) =>
    result.messages.map((m) => ({ file: result.filePath.slice(root.length), line: m.line, rule: m.ruleId, message: m.message })),
  );
}

const boundary = (file: string, line: number, message: string | RegExp) => ({
  file,
  line,
  rule: "boundaries/dependencies",
  message: typeof message === "string" ? message : expect.stringMatching(message),
});

describe("layer boundaries", () => {
  it.each([
    {
      why: "the engine imports the database through the alias",
      file: "lib/engine/fixture.ts",
      code: 'import { db } from "@/lib/db";\nexport const x = db;\n',
      problem: boundary("lib/engine/fixture.ts", 1, 'There is no policy allowing dependencies from elements of type "engine" to elements of type "db"'),
    },
    {
      why: "the engine imports the Prisma client the generator wrote",
      file: "lib/engine/fixture.ts",
      code: 'import type { PrismaClient } from "@/lib/generated/prisma/client";\nexport type X = PrismaClient;\n',
      problem: boundary("lib/engine/fixture.ts", 1, /from elements of type "engine" to elements of type "db"/),
    },
    {
      why: "the engine imports the run service by a relative path to its barrel",
      file: "lib/engine/fixture.ts",
      code: 'import { startRun } from "../runs";\nexport const x = startRun;\n',
      problem: boundary("lib/engine/fixture.ts", 1, /from elements of type "engine" to elements of type "runs"/),
    },
    {
      why: "the engine re-exports the database",
      file: "lib/engine/fixture.ts",
      code: 'export * from "../db";\n',
      problem: boundary("lib/engine/fixture.ts", 1, /from elements of type "engine" to elements of type "db"/),
    },
    {
      why: "the engine loads the database lazily",
      file: "lib/engine/fixture.ts",
      code: 'export const load = () => import("@/lib/db");\n',
      problem: boundary("lib/engine/fixture.ts", 1, /from elements of type "engine" to elements of type "db"/),
    },
    {
      why: "the engine builds its own model client instead of taking one from its context",
      file: "lib/engine/fixture.ts",
      code: 'import { createModelClient } from "@/lib/models";\nexport const x = createModelClient;\n',
      problem: boundary("lib/engine/fixture.ts", 1, /from elements of type "engine" to elements of type "models"/),
    },
    {
      why: "a component imports the run service barrel",
      file: "components/run/fixture.tsx",
      code: 'import { startRun } from "@/lib/runs";\nexport const x = startRun;\n',
      problem: boundary("components/run/fixture.tsx", 1, /from elements of type "components" to elements of type "runs"/),
    },
    {
      why: "a component imports a type from a server module that is not a wire type",
      file: "components/run/fixture.tsx",
      code: 'import type { RunDetail } from "@/lib/runs";\nexport type X = RunDetail;\n',
      problem: boundary("components/run/fixture.tsx", 1, /from elements of type "components" to elements of type "runs"/),
    },
    {
      why: "a component imports an engine runner (only the pure estimator is browser-safe)",
      file: "components/run/fixture.tsx",
      code: 'import { ROLE_RUNNERS } from "@/lib/engine/roles";\nexport const x = ROLE_RUNNERS;\n',
      problem: boundary("components/run/fixture.tsx", 1, /from elements of type "components" to elements of type "engine"/),
    },
    {
      why: "a component imports a value, not a type, from a wire-type module",
      file: "components/run/fixture.tsx",
      code: 'import { isFinalEvent } from "@/lib/engine/events";\nexport const x = isFinalEvent;\n',
      problem: boundary("components/run/fixture.tsx", 1, /from elements of type "components" to file of category "wire"/),
    },
    {
      why: "lib/graph imports React",
      file: "lib/graph/fixture.ts",
      code: 'import { useState } from "react";\nexport const x = useState;\n',
      problem: boundary("lib/graph/fixture.ts", 1, "lib/engine, lib/graph, lib/models and lib/tools are pure TypeScript: no React, Next or Prisma."),
    },
    {
      why: "lib/tools imports Prisma",
      file: "lib/tools/fixture.ts",
      code: 'import { PrismaClient } from "@prisma/client";\nexport const x = PrismaClient;\n',
      problem: boundary("lib/tools/fixture.ts", 1, "lib/engine, lib/graph, lib/models and lib/tools are pure TypeScript: no React, Next or Prisma."),
    },
    {
      why: "lib/models imports the engine above it",
      file: "lib/models/fixture.ts",
      code: 'import { runGraph } from "@/lib/engine";\nexport const x = runGraph;\n',
      problem: boundary("lib/models/fixture.ts", 1, /from elements of type "models" to elements of type "engine"/),
    },
    {
      why: "the route guard reads the database itself",
      file: "lib/api/fixture.ts",
      code: 'import { db } from "@/lib/db";\nexport const x = db;\n',
      problem: boundary("lib/api/fixture.ts", 1, /from elements of type "api" to elements of type "db"/),
    },
    {
      why: "the run service uses more of lib/auth than its secrets",
      file: "lib/runs/fixture.ts",
      code: 'import { resolveWorkspace } from "@/lib/auth/workspace-access";\nexport const x = resolveWorkspace;\n',
      problem: boundary("lib/runs/fixture.ts", 1, /from elements of type "runs" to elements of type "auth"/),
    },
    {
      why: "lib/evals imports the UI stores above it",
      file: "lib/evals/fixture.ts",
      code: 'import { useEditorStore } from "@/lib/stores/editor";\nexport const x = useEditorStore;\n',
      problem: boundary("lib/evals/fixture.ts", 1, /from elements of type "evals" to elements of type "stores"/),
    },
    {
      why: "lib/runs imports the experiments above it",
      file: "lib/runs/fixture.ts",
      code: 'import { startExperiment } from "@/lib/evals/experiments";\nexport const x = startExperiment;\n',
      problem: boundary("lib/runs/fixture.ts", 1, /from elements of type "runs" to elements of type "evals"/),
    },
    {
      why: "a test of lib/models reaches the database",
      file: "lib/models/fixture.test.ts",
      code: 'import { db } from "@/lib/db";\nexport const x = db;\n',
      problem: boundary("lib/models/fixture.test.ts", 1, /from file of category "test" belonging to elements of type "models" to elements of type "db"/),
    },
    {
      why: "an engine test signs up accounts with lib/auth's test helpers",
      file: "lib/engine/fixture.test.ts",
      code: 'import { signUpForTest } from "@/lib/auth/testing";\nexport const x = signUpForTest;\n',
      problem: boundary("lib/engine/fixture.test.ts", 1, /from file of category "test" belonging to elements of type "engine" to file of category "test-support" belonging to elements of type "auth"/),
    },
    {
      why: "a route uses a test helper",
      file: "app/api/v1/fixture/route.ts",
      code: 'import { signUpForTest } from "@/lib/auth/testing";\nexport const x = signUpForTest;\n',
      problem: boundary("app/api/v1/fixture/route.ts", 1, "Test helpers are for tests only."),
    },
    {
      why: "an `@/` import resolves to no file, and would otherwise pass as a package",
      file: "lib/engine/fixture.ts",
      code: 'import { y } from "@/lib/nowhere";\nexport const x = y;\n',
      problem: boundary("lib/engine/fixture.ts", 1, "This `@/` import does not resolve to a file of the project."),
    },
    {
      why: "the document library imports the run service above it",
      file: "lib/documents/fixture.ts",
      code: 'import { startRun } from "@/lib/runs";\nexport const x = startRun;\n',
      problem: boundary("lib/documents/fixture.ts", 1, /from elements of type "documents" to elements of type "runs"/),
    },
    {
      why: "the document tools read the database instead of their reader",
      file: "lib/tools/documents/fixture.ts",
      code: 'import { db } from "@/lib/db";\nexport const x = db;\n',
      problem: boundary("lib/tools/documents/fixture.ts", 1, /from elements of type "tools" to elements of type "db"/),
    },
    {
      why: "a file sits in a folder that is no layer",
      file: "lib/misc/fixture.ts",
      code: "export const x = 1;\n",
      problem: { file: "lib/misc/fixture.ts", line: 1, rule: "boundaries/no-unknown-files", message: expect.any(String) },
    },
  ])("refuses it when $why", async ({ file, code, problem }) => {
    expect(await lint(file, code)).toEqual([problem]);
  });

  it.each([
    {
      why: "the engine imports lib/graph, the model catalog and its own modules",
      file: "lib/engine/fixture.ts",
      code: 'import { validateGraph } from "@/lib/graph";\nimport { resolveModel } from "@/lib/models/catalog";\nimport { systemClock } from "./context";\nexport const x = [validateGraph, resolveModel, systemClock];\n',
    },
    {
      why: "a component imports stores, the graph, cost math and wire types",
      file: "components/run/fixture.tsx",
      code: 'import type { RunEvent } from "@/lib/engine/events";\nimport type { WorkspaceRole } from "@/lib/auth/roles";\nimport { TIERS } from "@/lib/graph";\nimport { formatUsd } from "@/lib/models/cost";\nimport { useRunStore } from "@/lib/stores/run";\nexport type X = RunEvent | WorkspaceRole;\nexport const x = [TIERS, formatUsd, useRunStore];\n',
    },
    {
      why: "the run launcher prices a run in the browser with the engine's estimator",
      file: "components/run/fixture.tsx",
      code: 'import { estimateRunCost } from "@/lib/engine/estimate";\nexport const x = estimateRunCost;\n',
    },
    {
      why: "the estimator reads the simulator's directives and reasoning tiers, and the estimate math",
      file: "lib/engine/estimate/fixture.ts",
      code: 'import { parseDirectives } from "@/lib/models/simulator/directives";\nimport { simulatorReasons } from "@/lib/models/simulator/reasoning";\nimport { percentile } from "@/lib/models/estimate";\nexport const x = [parseDirectives, simulatorReasons, percentile];\n',
    },
    {
      why: "the run service mints share tokens with lib/auth's secrets",
      file: "lib/runs/fixture.ts",
      code: 'import { newToken } from "@/lib/auth/secrets";\nimport { db } from "../db";\nexport const x = [newToken, db];\n',
    },
    {
      why: "the document library stores in the database and reuses lib/tools' HTML extractor; the run service reads documents",
      file: "lib/documents/fixture.ts",
      code: 'import { db } from "@/lib/db";\nimport { htmlToText } from "@/lib/tools";\nexport const x = [db, htmlToText];\n',
    },
    {
      why: "the run service builds a run's document reader",
      file: "lib/runs/fixture.ts",
      code: 'import { createDocumentReader } from "@/lib/documents";\nexport const x = createDocumentReader;\n',
    },
    {
      why: "experiments start runs, read graphs and the workspace provider, and write the database",
      file: "lib/evals/fixture.ts",
      code: 'import { startRun } from "@/lib/runs";\nimport { getGraph } from "@/lib/graphs/service";\nimport { workspaceProvider } from "@/lib/workspaces/provider";\nimport { db } from "@/lib/db";\nimport { TIERS } from "@/lib/graph";\nimport { formatUsd } from "@/lib/models";\nexport const x = [startRun, getGraph, workspaceProvider, db, TIERS, formatUsd];\n',
    },
    {
      why: "a test of lib/models runs the real engine and tools",
      file: "lib/models/fixture.test.ts",
      code: 'import { runGraph } from "@/lib/engine";\nimport { getTool } from "@/lib/tools";\nexport const x = [runGraph, getTool];\n',
    },
    {
      why: "a store test runs the engine through its test harness",
      file: "lib/stores/run/fixture.test.ts",
      code: 'import { runFixture } from "@/lib/engine/test-harness";\nexport const x = runFixture;\n',
    },
    {
      why: "a route test uses the test helpers",
      file: "app/api/v1/fixture.test.ts",
      code: 'import { signUpForTest } from "@/lib/auth/testing";\nexport const x = signUpForTest;\n',
    },
  ])("allows it when $why", async ({ file, code }) => {
    expect(await lint(file, code)).toEqual([]);
  });
});

describe("import cycles in lib", () => {
  it("refuses two modules that import each other", async () => {
    const noIgnores = new ESLint({ cwd: root, ignore: false });
    const results = await noIgnores.lintFiles(["lib/lint-fixtures/cycle-a.ts", "lib/lint-fixtures/cycle-b.ts"]);
    const cycles = results.flatMap((r) => r.messages.filter((m) => m.ruleId === "import/no-cycle").map((m) => `${r.filePath.slice(root.length)}:${m.line}`));
    expect(cycles).toEqual(["lib/lint-fixtures/cycle-a.ts:2", "lib/lint-fixtures/cycle-b.ts:2"]);
  });
});
