import { db } from "@/lib/db";
import type { DocumentHit } from "@/lib/tools/documents";
import { rankBm25 } from "./bm25";
import { queryTerms, termsOf } from "./terms";

const SNIPPET_CHARS = 300;
/**
 * BM25 search over collections: the postings of the query's terms and the chunk statistics
 * come from ordinary indexed tables, and the ranking is computed here, so SQLite and Postgres
 * answer alike. Collection ids must already be checked against the workspace.
 */
export async function searchCollections(collectionIds: readonly string[], query: string, limit: number): Promise<DocumentHit[]> {
  const terms = queryTerms(query);
  if (terms.length === 0 || collectionIds.length === 0) return [];
  const where = { collectionId: { in: [...collectionIds] } };
  const [postings, stats] = await Promise.all([
    db.documentPosting.findMany({ where: { ...where, term: { in: terms } }, select: { term: true, chunkId: true, frequency: true, chunkTerms: true } }),
    db.documentChunk.aggregate({ where, _count: { _all: true }, _avg: { termCount: true } }),
  ]);
  if (postings.length === 0) return [];
  const lengths = new Map(postings.map((p) => [p.chunkId, p.chunkTerms]));
  const ranked = rankBm25(terms, postings, { chunks: stats._count._all, averageLength: stats._avg.termCount ?? 1, lengthOf: (id) => lengths.get(id) ?? 1 }).slice(0, limit);
  const chunks = await db.documentChunk.findMany({
    where: { id: { in: ranked.map((r) => r.chunkId) } },
    select: { id: true, startLine: true, endLine: true, text: true, document: { select: { path: true } } },
  });
  const byId = new Map(chunks.map((c) => [c.id, c]));
  return ranked.flatMap(({ chunkId, score }) => {
    const chunk = byId.get(chunkId);
    return chunk ? [{ path: chunk.document.path, startLine: chunk.startLine, endLine: chunk.endLine, snippet: snippetOf(chunk.text, terms), score }] : [];
  });
}

/** The chunk's first lines that contain a query term, with one line before, within 300 characters. */
function snippetOf(text: string, terms: readonly string[]): string {
  const lines = text.split("\n");
  const wanted = new Set(terms);
  const hit = Math.max(0, lines.findIndex((line) => termsOf(line).some((t) => wanted.has(t))));
  const excerpt = lines.slice(Math.max(0, hit - 1), hit + 4).join("\n").trim();
  return excerpt.length > SNIPPET_CHARS ? `${excerpt.slice(0, SNIPPET_CHARS)}…` : excerpt;
}
