/** `npm run bench`: every benchmark under e2e/perf, one after the other, each printing its figures with the goal beside them. */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";

const benches: { file: string; flags?: string[] }[] = [
  { file: "e2e/perf/engine-bench.ts" },
  { file: "e2e/perf/langgraph-bench.ts" },
  { file: "e2e/perf/viewers-bench.ts" },
  { file: "e2e/perf/memory-bench.ts", flags: ["--expose-gc"] },
  { file: "e2e/perf/browser-stream-bench.ts" },
  { file: "e2e/perf/load-bench.ts" },
  { file: "e2e/perf/canvas-bench.ts" },
  { file: "e2e/perf/live-canvas-bench.ts" },
  { file: "e2e/perf/documents-bench.ts" },
  { file: "e2e/perf/experiments-bench.ts" },
  { file: "e2e/perf/workers-bench.ts" },
];
// Figures depend on what else the machine is doing: say so beside them.
console.log(`Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((n) => n.toFixed(1)).join(" ")}`);
let failed = 0;
for (const { file, flags = [] } of benches) {
  console.log(`\n=== ${file} ===`);
  const { status } = spawnSync(process.execPath, [...flags, "--import", "tsx", file, ...process.argv.slice(2)], { stdio: "inherit" });
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
