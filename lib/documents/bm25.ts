/** One row of the inverted index: how often a term occurs in a chunk. */
export interface Posting {
  term: string;
  chunkId: string;
  frequency: number;
}

/** What BM25 needs of the searched collections besides the postings. */
export interface CorpusStats {
  /** Number of chunks searched. */
  chunks: number;
  /** Their average length in terms. */
  averageLength: number;
  /** Length in terms of each chunk that has a posting. */
  lengthOf: (chunkId: string) => number;
}

const K1 = 1.2;
const B = 0.75;

/**
 * Okapi BM25 over postings already fetched for the query's terms (plain rows, so any database
 * serves them): idf with the +1 that keeps it positive, term-frequency saturation k1 = 1.2 and
 * length normalisation b = 0.75. Returns chunk ids with scores, best first (ties by id).
 */
export function rankBm25(queryTerms: readonly string[], postings: readonly Posting[], stats: CorpusStats): { chunkId: string; score: number }[] {
  const wanted = new Set(queryTerms);
  const documentFrequency = new Map<string, number>();
  for (const posting of postings) if (wanted.has(posting.term)) documentFrequency.set(posting.term, (documentFrequency.get(posting.term) ?? 0) + 1);
  const scores = new Map<string, number>();
  const averageLength = stats.averageLength || 1;
  for (const { term, chunkId, frequency } of postings) {
    const df = documentFrequency.get(term);
    if (!df) continue;
    const idf = Math.log(1 + (stats.chunks - df + 0.5) / (df + 0.5));
    const norm = K1 * (1 - B + (B * stats.lengthOf(chunkId)) / averageLength);
    scores.set(chunkId, (scores.get(chunkId) ?? 0) + (idf * frequency * (K1 + 1)) / (frequency + norm));
  }
  return [...scores].map(([chunkId, score]) => ({ chunkId, score })).sort((a, b) => b.score - a.score || (a.chunkId < b.chunkId ? -1 : 1));
}
