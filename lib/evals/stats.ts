/** Statistics for experiment results: intervals and tests on success rates, latency percentiles. */

const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * The Wilson score interval for `successes` out of `n` at 95%: unlike the normal
 * approximation it stays inside [0, 1] and is sensible at 0/n and n/n.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Whether rate B (`b` of `nb`) is significantly lower than rate A (`a` of `na`): a one-sided
 * two-proportion z-test with the pooled rate at 95%. Equal rates are never significantly worse.
 */
export function significantlyWorse(a: number, na: number, b: number, nb: number, z = 1.6448536269514722): boolean {
  if (na === 0 || nb === 0) return false;
  const pa = a / na;
  const pb = b / nb;
  if (pb >= pa) return false;
  const pooled = (a + b) / (na + nb);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  return se === 0 ? true : (pa - pb) / se > z;
}

/** The `q` quantile (0–1) of the values by nearest rank; null for none. */
export function percentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}
