/** OpenAI caches prompts from this many tokens up… */
export const CACHE_MIN_TOKENS = 1024;
/** …in steps of this many tokens. */
export const CACHE_INCREMENT = 128;
const MAX_CACHE_ENTRIES = 200_000;

/**
 * A prompt cache modelled on OpenAI's: a prompt of 1024+ tokens reuses the longest prefix an
 * earlier prompt to the same model shared with it, counted in 128-token steps from 1024.
 * Each step boundary is remembered as a hash of the prefix up to it.
 */
export class PrefixCache {
  private readonly seen = new Map<string, true>();

  /** Cached tokens for this prompt, and remembers its prefixes for later prompts. */
  lookupAndStore(model: string, tokens: readonly number[]): number {
    if (tokens.length < CACHE_MIN_TOKENS) return 0;
    let h1 = 0x811c9dc5;
    let h2 = 0x9e3779b9;
    let cached = 0;
    const boundaries: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      h1 = Math.imul(h1 ^ tokens[i], 0x01000193);
      h2 = Math.imul(h2 ^ (tokens[i] + i), 0x5bd1e995) ^ (h2 >>> 15);
      const length = i + 1;
      if (length >= CACHE_MIN_TOKENS && (length - CACHE_MIN_TOKENS) % CACHE_INCREMENT === 0) {
        const key = `${model}\u0000${length}\u0000${h1 >>> 0}\u0000${h2 >>> 0}`;
        if (this.seen.has(key)) cached = length;
        boundaries.push(key);
      }
    }
    for (const key of boundaries) {
      this.seen.delete(key);
      this.seen.set(key, true);
    }
    this.evict();
    return cached;
  }

  private evict(): void {
    if (this.seen.size <= MAX_CACHE_ENTRIES) return;
    const drop = this.seen.size - Math.floor(MAX_CACHE_ENTRIES * 0.9);
    const keys = this.seen.keys();
    for (let i = 0; i < drop; i++) this.seen.delete(keys.next().value as string);
  }
}
