/**
 * Many viewers of one run (issue #16): a 50-way fan-out at realistic simulator speed streamed over
 * HTTP (the SSE handler, no Next) to 1 and then to 1,000 viewers in four other processes, rounds
 * interleaved. Prints the p95 lag of every viewer behind the first one to get each event (events
 * sent after all viewers were connected) and the run's wall time against the one-viewer run, beside
 * a peer: the same run's one stream fanned out to the same sockets by bare `res.write`s.
 * `--pin` (Linux, `taskset`) keeps this process on CPU 0 and the viewers on the others, so the
 * server's figures are not the viewers' CPU use: on a 2-core machine they otherwise share both.
 */
import { fork, spawnSync } from "node:child_process";
import { cpus } from "node:os";
import path from "node:path";
import { BenchmarkFailure, fmt, median, percentile, scratchDatabase, verdict } from "./bench-kit";
import { fanOutGraph, missingSeqs, serveRunStreams } from "./fan-out-viewers";

scratchDatabase();
const { ensureDatabase, db, DEFAULT_WORKSPACE_SLUG } = await import("@/lib/db");
const { createGraph } = await import("@/lib/graphs/service");
const { startRun, runFinished, streamRunEvents } = await import("@/lib/runs");
const { createNode, GRAPH_SCHEMA_VERSION } = await import("@/lib/graph");

const VIEWERS = Number(process.argv.find((a) => a.startsWith("--viewers="))?.split("=")[1] ?? 1000);
const CLIENT_PROCESSES = 4;
const ROUNDS = Number(process.argv.find((a) => a.startsWith("--rounds="))?.split("=")[1] ?? 2);

const PIN = process.argv.includes("--pin");
/** Sets the CPUs of a process and all its threads; false where `taskset` is missing. */
const pin = (pid: number, list: string) => spawnSync("taskset", ["-a", "-p", "-c", list, String(pid)], { stdio: "ignore" }).status === 0;
const VIEWER_CPUS = `1-${cpus().length - 1}`;
if (PIN && (cpus().length < 2 || !pin(process.pid, "0"))) throw new BenchmarkFailure("--pin needs 2 CPUs or more and taskset (util-linux)");

await ensureDatabase();
const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
const graph = fanOutGraph({ createNode, GRAPH_SCHEMA_VERSION });
const { id: graphId } = await createGraph(workspace.id, { name: "viewers", graph });

const { server, port } = await serveRunStreams(workspace.id, streamRunEvents);

interface Outcome {
  wallMs: number;
  lags: number[];
  /** Each viewer's lag behind the first viewer in its own process: without the OS's scheduling of those processes. */
  inProcessLags: number[];
  /** CPU time of this process (the run and the streams) and of the viewers' processes after they connected. */
  serverCpuMs: number;
  viewersCpuMs: number;
}

/** `peer`: the viewers read the peer fan-out (one stream, bare writes; see `joinPeerFan`) instead of a stream each. */
async function round(viewers: number, peer = false): Promise<Outcome> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let viewersCpuMs = 0;
  const { id } = await startRun(workspace.id, graphId, { input: "Survey 50 libraries", simulation: { speed: 1 } });
  // Viewers spread over a few processes, so one client loop reading 1,000 sockets in turn does not become the lag measured.
  const groups = Math.min(CLIENT_PROCESSES, viewers);
  let connectedGroups = 0;
  let connectedAt = Infinity;
  const byProcess = await Promise.all(
    Array.from({ length: groups }, (_, g) => {
      const size = Math.floor(viewers / groups) + (g < viewers % groups ? 1 : 0);
      const child = fork(path.join(import.meta.dirname, "viewers-client.ts"), [`http://127.0.0.1:${port}/?run=${id}${peer ? "&peer=1" : ""}`, String(size)], { execArgv: ["--import", "tsx"] });
      if (PIN && child.pid) pin(child.pid, VIEWER_CPUS);
      return new Promise<Record<number, number>[]>((resolve, reject) => {
        child.on("message", (message: { type: string; received?: Record<number, number>[]; cpuMs?: number }) => {
          if (message.type !== "connected") {
            viewersCpuMs += message.cpuMs ?? 0;
            resolve(message.received!);
          }
          else if (++connectedGroups === groups) connectedAt = performance.timeOrigin + performance.now();
        });
        child.on("exit", (code) => code && reject(new BenchmarkFailure(`a viewers' process exited with ${code} (${viewers} viewers${peer ? ", peer" : ""})`)));
      });
    }),
  );
  const received = byProcess.flat();
  await runFinished(id);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const run = await db.run.findUniqueOrThrow({ where: { id }, select: { status: true, lastSeq: true } });
  if (run.status !== "succeeded") throw new BenchmarkFailure(`run ${id} ended ${run.status}`);
  const incomplete = received.filter((times) => missingSeqs(times, run.lastSeq).length > 0).length;
  if (incomplete) throw new BenchmarkFailure(`${incomplete} of ${viewers} viewers did not get all ${run.lastSeq} events`);
  const lags: number[] = [];
  const inProcessLags: number[] = [];
  for (let seq = 1; seq <= run.lastSeq; seq++) {
    const times = received.map((t) => t[seq]);
    const first = Math.min(...times);
    if (first < connectedAt) continue; // replayed on connect, not streamed live to everyone
    for (const at of times) lags.push(at - first);
    for (const group of byProcess) {
      const firstHere = Math.min(...group.map((t) => t[seq]));
      for (const t of group) inProcessLags.push(t[seq] - firstHere);
    }
  }
  return { wallMs, lags, inProcessLags, serverCpuMs: (cpu.user + cpu.system) / 1000, viewersCpuMs };
}

try {
  const one: Outcome[] = [];
  const many: Outcome[] = [];
  const peers: Outcome[] = [];
  await round(1); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    one.push(await round(1));
    many.push(await round(VIEWERS));
    peers.push(await round(VIEWERS, true));
  }
  const lags = many.flatMap((o) => o.lags);
  const p95 = percentile(lags, 95);
  const ratio = median(many.map((o) => o.wallMs)) / median(one.map((o) => o.wallMs));
  console.log(`Viewers: ${VIEWERS} viewers of one 50-way fan-out run at realistic speed, ${ROUNDS} interleaved rounds, ${lags.length} live receptions${PIN ? `; this process on CPU 0, the viewers on CPUs ${VIEWER_CPUS}` : ""}`);
  console.log(`  lag behind the first viewer: p50 ${fmt(percentile(lags, 50), 1)} ms, p95 ${fmt(p95, 1)} ms (goal ≤ 20 ms, ${verdict(p95, 20)})`);
  const inProcess = many.flatMap((o) => o.inProcessLags);
  console.log(`  behind the first viewer in the same process (no scheduling across the ${CLIENT_PROCESSES} viewers' processes): p50 ${fmt(percentile(inProcess, 50), 1)} ms, p95 ${fmt(percentile(inProcess, 95), 1)} ms`);
  console.log(`  run wall ${fmt(median(many.map((o) => o.wallMs)), 0)} ms vs ${fmt(median(one.map((o) => o.wallMs)), 0)} ms with one viewer: ${fmt(ratio, 3)}× (goal ≤ 1.05, ${verdict(ratio, 1.05)})`);
  const peerLags = peers.flatMap((o) => o.lags);
  const peerRatio = median(peers.map((o) => o.wallMs)) / median(one.map((o) => o.wallMs));
  console.log(`  peer, one stream of the run written by bare res.write to the same ${VIEWERS} sockets: lag p50 ${fmt(percentile(peerLags, 50), 1)} ms, p95 ${fmt(percentile(peerLags, 95), 1)} ms, run wall ${fmt(peerRatio, 3)}×`);
  const cpu = (outcomes: Outcome[], of: (o: Outcome) => number) => fmt(median(outcomes.map(of)), 0);
  console.log(`  CPU: this process (run + streams) ${cpu(many, (o) => o.serverCpuMs)} ms (peer ${cpu(peers, (o) => o.serverCpuMs)} ms) vs ${cpu(one, (o) => o.serverCpuMs)} ms with one viewer; the viewers' processes ${cpu(many, (o) => o.viewersCpuMs)} ms (${PIN ? "each side on its own CPUs" : `${cpus().length} CPUs shared by all`})`);
} catch (error) {
  console.error(error instanceof BenchmarkFailure ? `\nBenchmark failed: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  server.close();
  server.closeAllConnections();
  await db.$disconnect();
}
