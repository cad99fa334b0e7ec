/** `npm run bench`: every benchmark under e2e/perf, one after the other, each printing its figures. */
import { spawnSync } from "node:child_process";

const benches = ["e2e/perf/engine-bench.ts", "e2e/perf/canvas-bench.ts", "e2e/perf/experiments-bench.ts"];
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench} ===`);
  const { status } = spawnSync(process.execPath, ["--import", "tsx", bench, ...process.argv.slice(2)], { stdio: "inherit" });
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
