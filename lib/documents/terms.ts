const STOPWORDS = new Set(
  "a an and are as at be but by for from has have in is it its of on or that the this to was were will with not no if then else".split(" "),
);
const WORD = /[\p{L}\p{N}_$]+/gu;

/** Parts of an identifier: `parseInvoiceLine` → parse, invoice, line; `max_retry` → max, retry. */
function identifierParts(word: string): string[] {
  return word
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .split(/[\s_$]+/)
    .filter(Boolean);
}

/**
 * The index terms of a text, lower-cased: every word and identifier whole, plus the parts of
 * compound identifiers, so `parseInvoice` is found by "parseInvoice", "parse" and "invoice".
 * One-letter words and a few function words are left out.
 */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const whole = word.toLowerCase().replace(/^[_$]+|[_$]+$/g, "");
    if (whole.length < 2 || whole.length > 64 || STOPWORDS.has(whole)) continue;
    terms.push(whole);
    const parts = identifierParts(word);
    if (parts.length > 1) for (const part of parts) if (part.length > 1) terms.push(part.toLowerCase());
  }
  return terms;
}

/**
 * Index fields are prefixed terms in the same postings table: `def:x` where a chunk declares
 * `x`, `name:x` for the words of its file's name. Declarations are rare, so BM25's idf lifts
 * the chunk that defines a name above the many that only use it.
 */
const FIELDS = ["def:", "name:"] as const;

/** A chunk's postings, plain and per field, and its length in plain terms (fields do not lengthen it). */
export function chunkTermFrequencies(text: string, path: string, declaration: RegExp): { frequencies: Map<string, number>; length: number } {
  const frequencies = new Map<string, number>();
  const add = (term: string) => frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  const plain = termsOf(text);
  for (const term of plain) add(term);
  for (const line of text.split("\n")) {
    const match = declaration.exec(line);
    const declared = match?.[1] ?? match?.[2];
    if (declared) for (const term of termsOf(declared)) add(`def:${term}`);
  }
  const name = path.slice(path.lastIndexOf("/") + 1).replace(/\.[^.]+$/, "");
  for (const term of new Set(termsOf(name))) add(`name:${term}`);
  return { frequencies, length: plain.length };
}

/** The terms a query looks up: each word as itself and in every field. */
export function queryTerms(query: string): string[] {
  const plain = [...new Set(termsOf(query))];
  return [...plain, ...FIELDS.flatMap((field) => plain.map((term) => field + term))];
}

/** Captures the name a line declares: `function parseInvoice(`, `class Invoice`, `def total(`, `## Setup`. */
export const DECLARED_NAME =
  /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:pub\s+)?(?:function\*?|class|interface|type|enum|def|fn|func|struct|trait|const|let|var)\s+([\p{L}_$][\p{L}\p{N}_$]*)|^#{1,6}\s+(.+)$/u;
