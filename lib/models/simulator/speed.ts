/**
 * The simulator's speed is a speed-up factor over realistic latency, everywhere (API, env var,
 * simulator, engine clock, launcher): 1 is realistic, 3 is three times faster, 0.5 half as
 * fast, and 0 is instant (no timers at all).
 */
export const SIM_SPEED = {
  realistic: 1,
  instant: 0,
  /** The slowest a run may be asked to go: ten times slower than realistic. */
  slowest: 0.1,
  fastest: 1000,
} as const;

/** What every simulated wait is multiplied by at `speed`: 0 (instant) stays 0. */
export function delayScale(speed: number): number {
  return speed > 0 ? 1 / speed : 0;
}

/** True for 0 (instant) or a factor between the slowest and fastest speeds. */
export function isSimSpeed(speed: number): boolean {
  return speed === SIM_SPEED.instant || (speed >= SIM_SPEED.slowest && speed <= SIM_SPEED.fastest);
}

/** `TIERFLOW_SIM_SPEED` as a speed, realistic when unset or not a valid speed. */
export function simSpeedFromEnv(): number {
  const raw = typeof process !== "undefined" ? process.env.TIERFLOW_SIM_SPEED : undefined;
  if (raw === undefined || raw.trim() === "") return SIM_SPEED.realistic;
  const speed = Number(raw);
  return Number.isFinite(speed) && isSimSpeed(speed) ? speed : SIM_SPEED.realistic;
}
