import { z } from "zod";
import { defineTool, type ToolContext } from "../types";
import { globToRegExp } from "./glob";
import type { DocumentReader } from "./reader";

/** The most characters one `read_file` call returns; the model is told where the text was cut. */
export const READ_FILE_MAX_CHARS = 24_000;
const LIST_MAX_FILES = 400;

function readerOf(ctx: ToolContext): DocumentReader {
  if (!ctx.documents) throw new Error("No documents are attached to this run: attach a collection when starting it.");
  return ctx.documents;
}

export const listFilesTool = defineTool({
  name: "list_files",
  title: "List files",
  description: "Lists the files attached to this run (path, size in bytes and kind), optionally only those matching a glob such as `src/**/*.ts` or `*.md`.",
  parameters: z.object({
    glob: z.string().max(300).optional().describe("A glob over paths; `**` crosses directories. All files when omitted."),
  }),
  async execute({ glob }, ctx) {
    const files = await readerOf(ctx).list();
    const match = globToRegExp(glob ?? "**");
    const found = files.filter((file) => match.test(file.path));
    if (found.length === 0) return files.length === 0 ? "No files are attached." : `No attached file matches "${glob}" (${files.length} files attached).`;
    const lines = found.slice(0, LIST_MAX_FILES).map((file) => `${file.path} (${file.sizeBytes} bytes, ${file.kind}, ${file.lineCount} lines)`);
    if (found.length > LIST_MAX_FILES) lines.push(`… and ${found.length - LIST_MAX_FILES} more: narrow the glob to see them.`);
    return lines.join("\n");
  },
});

export const readFileTool = defineTool({
  name: "read_file",
  title: "Read file",
  description: `Reads an attached file's text by path, optionally only lines startLine to endLine (1-based, inclusive). At most ${READ_FILE_MAX_CHARS} characters come back; a cut is marked with the line to continue from.`,
  parameters: z.object({
    path: z.string().min(1).max(1000).describe("The file's path, as list_files or search_files show it."),
    startLine: z.number().int().min(1).optional().describe("First line to read (1-based)."),
    endLine: z.number().int().min(1).optional().describe("Last line to read (inclusive)."),
  }),
  async execute({ path, startLine, endLine }, ctx) {
    const file = await readerOf(ctx).read(path.replace(/^\.?\//, ""));
    if (!file) throw new Error(`No attached file has the path "${path}". Use list_files to see the paths.`);
    const lines = file.text.split("\n");
    const first = Math.min(startLine ?? 1, Math.max(lines.length, 1));
    const last = Math.min(endLine ?? lines.length, lines.length);
    if (last < first) throw new Error(`endLine ${endLine} is before startLine ${first}.`);
    let text = "";
    let shown = first - 1;
    for (let i = first - 1; i < last; i++) {
      const line = lines[i] + (i < last - 1 ? "\n" : "");
      if (text.length + line.length > READ_FILE_MAX_CHARS) break;
      text += line;
      shown = i + 1;
    }
    const header = `${file.path} (lines ${first}-${shown} of ${file.lineCount})`;
    const cut = shown < last ? `\n[cut at ${READ_FILE_MAX_CHARS} characters after line ${shown}: call read_file with startLine ${shown + 1} for the rest]` : "";
    return `${header}\n${text}${cut}`;
  },
});

export const searchFilesTool = defineTool({
  name: "search_files",
  title: "Search files",
  description: "Full-text search (BM25) over the attached files: returns the best-matching chunks as `path:startLine-endLine` with a snippet.",
  parameters: z.object({
    query: z.string().min(1).max(500).describe("Words to look for, e.g. a function name or a concept."),
    limit: z.number().int().min(1).max(20).default(5).describe("How many chunks to return."),
  }),
  async execute({ query, limit }, ctx) {
    const hits = await readerOf(ctx).search(query, limit);
    if (hits.length === 0) return `Nothing in the attached files matches "${query}".`;
    return hits.map((hit) => `${hit.path}:${hit.startLine}-${hit.endLine} (score ${hit.score.toFixed(2)})\n${hit.snippet}`).join("\n\n");
  },
});

/** The document tools, in the order the registry lists them. */
export const DOCUMENT_TOOLS = [listFilesTool, readFileTool, searchFilesTool] as const;

/** Tools whose results carry file text (a share link with hidden prompts hides them). */
export const FILE_TEXT_TOOLS: ReadonlySet<string> = new Set([readFileTool.name, searchFilesTool.name]);
