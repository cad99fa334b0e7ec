import type { EngineClock } from "@/lib/engine";
import { delayScale } from "@/lib/models";

/**
 * The engine's clock for simulated runs: waits (retry back-off, Retry-After) shrink with the
 * simulator's speed-up factor as the model's latency does, so speed 0 is instant end to end.
 */
export function scaledClock(speed: number): EngineClock {
  const scale = delayScale(speed);
  return {
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const scaled = ms * scale;
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
