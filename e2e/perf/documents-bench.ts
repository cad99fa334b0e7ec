/**
 * Document library benchmark (issue 12). `npx tsx e2e/perf/documents-bench.ts` prints, for a
 * generated 2,000-file repository uploaded as one zip: the time to unpack, extract, chunk and
 * index, and store it; the index size; and the latency of BM25 searches over it (p50/p95).
 * Figures, not assertions; the bench exits non-zero only if the upload loses files.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

process.env.DATABASE_URL = `file:${path.join(mkdtempSync(path.join(tmpdir(), "tierflow-docs-bench-")), "bench.db")}`;
delete process.env.OPENAI_API_KEY;

const { ensureDatabase, db, DEFAULT_WORKSPACE_SLUG } = await import("@/lib/db");
const { createCollection, extractDocument, searchCollections, uploadDocuments } = await import("@/lib/documents");
const { chunkDocument } = await import("@/lib/documents/chunk");
const { chunkTermFrequencies, DECLARED_NAME } = await import("@/lib/documents/terms");
const { readZip } = await import("@/lib/documents/zip");
const { DOCUMENT_LIMITS } = await import("@/lib/documents/limits");
const { zipBytes } = await import("@/lib/documents/testing");

const FILES = 2_000;
const QUERIES = 200;
const WORDS = "invoice ledger account balance payment refund customer order cart price tax discount shipment warehouse stock report audit session token user role".split(" ");

/** A source file of 40–120 lines: functions calling one another, comments, a config block. */
function sourceFile(i: number): { path: string; text: string } {
  const word = (k: number) => WORDS[(i * 7 + k * 3) % WORDS.length];
  const lines: string[] = [`// Module ${i}: handles ${word(0)} and ${word(1)} flows.`, `import { ${word(2)}Store } from "../shared/${word(2)}";`, ""];
  const functions = 4 + (i % 8);
  for (let f = 0; f < functions; f++) {
    const name = `${word(f)}Handler${i}_${f}`;
    lines.push(`export function ${name}(input: ${word(f + 1)}Input): number {`);
    for (let l = 0; l < 6 + (f % 5); l++) lines.push(`  const ${word(l)}${l} = ${word(f + l)}Store.get(input.${word(l + 2)}Id) * ${l + 1}; // ${word(l + 3)} step`);
    lines.push(`  return ${word(0)}0;`, "}", "");
  }
  const folder = ["api", "billing", "shipping", "auth", "reports"][i % 5];
  return i % 10 === 0
    ? { path: `repo/docs/${folder}-${i}.md`, text: `# ${word(0)} ${i}\n\n${lines.slice(0, 20).join("\n")}\n\n## Details\n\nThe ${word(1)} flow posts to the ${word(2)}.\n` }
    : { path: `repo/src/${folder}/module-${i}.${i % 3 === 0 ? "py" : "ts"}`, text: lines.join("\n") };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

await ensureDatabase();
const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
const sources = Array.from({ length: FILES }, (_, i) => sourceFile(i));
const zip = zipBytes(Object.fromEntries(sources.map((s) => [s.path, s.text])));
const rawBytes = sources.reduce((n, s) => n + Buffer.byteLength(s.text), 0);
console.log(`repository: ${FILES} files, ${(rawBytes / 1e6).toFixed(1)} MB of text, ${(zip.length / 1e6).toFixed(2)} MB zipped`);

// The stages on their own (the upload below runs them all, then stores in one transaction).
let t = performance.now();
const entries = await readZip(zip, DOCUMENT_LIMITS);
const unzipMs = performance.now() - t;
t = performance.now();
const extracted = [];
for (const entry of entries) if ("bytes" in entry) extracted.push({ path: entry.path, result: await extractDocument(entry.path, entry.bytes) });
const extractMs = performance.now() - t;
t = performance.now();
let chunks = 0;
for (const { path: file, result } of extracted) {
  if (!("text" in result)) continue;
  for (const chunk of chunkDocument(result.kind, result.text)) {
    chunkTermFrequencies(chunk.text, file, DECLARED_NAME);
    chunks++;
  }
}
const indexMs = performance.now() - t;

const collection = await createCollection(workspace.id, { name: "bench repo" });
t = performance.now();
const result = await uploadDocuments(workspace.id, collection.id, [{ path: "repo.zip", bytes: zip }]);
const uploadMs = performance.now() - t;
if (result.added.length !== FILES) {
  console.error(`upload lost files: ${result.added.length} added, ${result.skipped.length} skipped`);
  process.exit(1);
}

const postings = await db.documentPosting.count({ where: { collectionId: collection.id } });
const stored = await db.documentChunk.count({ where: { collectionId: collection.id } });
let indexBytes: number | null = null;
try {
  const rows = await db.$queryRawUnsafe<{ bytes: bigint | number }[]>(
    "SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name IN ('DocumentPosting', 'DocumentChunk') OR name LIKE 'DocumentPosting_%' OR name LIKE 'DocumentChunk_%' OR name LIKE 'sqlite_autoindex_DocumentPosting%'",
  );
  indexBytes = Number(rows[0]?.bytes ?? 0);
} catch {
  indexBytes = null; // SQLite built without dbstat
}

const latencies: number[] = [];
for (let q = 0; q < QUERIES; q++) {
  const query = q % 2 === 0 ? `${WORDS[q % WORDS.length]}Handler${(q * 37) % FILES}_${q % 4}` : `${WORDS[q % WORDS.length]} ${WORDS[(q + 5) % WORDS.length]}`;
  const start = performance.now();
  const hits = await searchCollections([collection.id], query, 5);
  latencies.push(performance.now() - start);
  if (q % 2 === 0 && hits.length === 0) console.warn(`no hit for ${query}`);
}
latencies.sort((a, b) => a - b);

console.log(`unpack zip (yauzl, streamed, size-checked): ${ms(unzipMs)}`);
console.log(`extract text (${extracted.length} files):       ${ms(extractMs)}`);
console.log(`chunk + term frequencies (${chunks} chunks):  ${ms(indexMs)}`);
console.log(`full upload (all of the above + store):     ${ms(uploadMs)}  (${(FILES / (uploadMs / 1000)).toFixed(0)} files/s)`);
console.log(`index: ${stored} chunks, ${postings} postings${indexBytes !== null ? `, ${(indexBytes / 1e6).toFixed(1)} MB on disk (chunk + posting tables and their indexes)` : ""}`);
console.log(`search (${QUERIES} queries, top 5): p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(latencies.at(-1)!)}`);
await db.$disconnect();
