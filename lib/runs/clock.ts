import type { EngineClock } from "@/lib/engine";

/**
 * The engine's clock for simulated runs: waits (retry back-off, Retry-After) scale with the
 * simulator's speed, so an instant simulation is instant end to end.
 */
export function scaledClock(speed: number): EngineClock {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const scaled = ms * speed;
        if (scaled <= 0) return resolve();
        const timer = setTimeout(() => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        }, scaled);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal.reason);
        };
        signal.addEventListener("abort", onAbort, { once: true });
      }),
  };
}
