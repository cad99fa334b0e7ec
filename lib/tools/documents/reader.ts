/** A file of the collections attached to a run, as the document tools list it. */
export interface DocumentFileInfo {
  path: string;
  sizeBytes: number;
  /** text | markdown | code | json | csv | html | pdf | docx */
  kind: string;
  lineCount: number;
}

/** One ranked search result: where it is and a short excerpt. */
export interface DocumentHit {
  path: string;
  startLine: number;
  endLine: number;
  snippet: string;
  score: number;
}

/**
 * What the document tools read through: only the collections attached to one run, already
 * checked against its workspace (lib/documents builds it). No network, no file system.
 */
export interface DocumentReader {
  /** Every attached file, sorted by path. */
  list(): Promise<DocumentFileInfo[]>;
  /** A file's extracted text, or null when no attached collection has this path. */
  read(path: string): Promise<{ path: string; text: string; lineCount: number } | null>;
  /** The best-ranked chunks for a free-text query, best first. */
  search(query: string, limit: number): Promise<DocumentHit[]>;
}
