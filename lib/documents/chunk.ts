import type { DocumentKind } from "./extract";

/** A piece of a document that search ranks and cites: 1-based, inclusive line range. */
export interface Chunk {
  startLine: number;
  endLine: number;
  text: string;
}

const MAX_LINES = 80;
const MIN_LINES = 6;
const WINDOW = 40;
const HEADING = /^#{1,6}\s/;
// A top-level declaration in the common languages: where a code file's structure breaks.
const DECLARATION =
  /^(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\*?|class|interface|type|enum|const|let|var|def|fn|func|pub|impl|struct|trait|module|package|public|private|protected|static|object|namespace)\b/;

/** Where a chunk may start (besides line 1): Markdown headings, top-level code declarations; otherwise only windows. */
function breaksAt(kind: DocumentKind): ((line: string) => boolean) | null {
  if (kind === "markdown") return (line) => HEADING.test(line);
  if (kind === "code") return (line) => DECLARATION.test(line);
  return null;
}

/**
 * Splits a document by its structure: a Markdown file at its headings, source code at its
 * top-level declarations (neighbours under six lines merged), anything else in windows of 40 lines; no
 * chunk is longer than 80 lines. Lines are kept exactly, so a chunk's range points into the file.
 */
export function chunkDocument(kind: DocumentKind, text: string): Chunk[] {
  const lines = text.split("\n");
  const breaks = breaksAt(kind);
  const limit = breaks ? MAX_LINES : WINDOW;
  // Every heading starts a section; small declarations are merged until a chunk has a few lines.
  const minimum = kind === "markdown" ? 1 : MIN_LINES;
  const chunks: Chunk[] = [];
  let start = 0;
  const cut = (end: number) => {
    const body = lines.slice(start, end).join("\n");
    if (body.trim()) chunks.push({ startLine: start + 1, endLine: end, text: body });
    start = end;
  };
  for (let i = 1; i < lines.length; i++) {
    const size = i - start;
    if (size >= limit || (breaks && size >= minimum && breaks(lines[i]))) cut(i);
  }
  cut(lines.length);
  return chunks;
}
