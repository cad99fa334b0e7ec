import mammoth from "mammoth";
import { extractText as pdfText, getDocumentProxy } from "unpdf";
import { htmlToText } from "@/lib/tools";

/** What a stored document's text came from. */
export const DOCUMENT_KINDS = ["text", "markdown", "code", "json", "csv", "html", "pdf", "docx"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Extracted text, or why the file was left out. */
export type Extracted = { kind: DocumentKind; text: string } | { skipped: string };

const BY_EXTENSION: Record<string, DocumentKind> = {
  md: "markdown", mdx: "markdown", markdown: "markdown",
  json: "json", jsonc: "json", ipynb: "json",
  csv: "csv", tsv: "csv",
  html: "html", htm: "html", xhtml: "html",
  pdf: "pdf", docx: "docx",
  txt: "text", text: "text", log: "text", rst: "text", adoc: "text",
};
const CODE = new Set(
  ("ts tsx js jsx mjs cjs mts cts py pyi rb go rs java kt kts swift c h cc cpp hpp cs fs php pl sh bash zsh fish ps1 sql css scss sass less " +
    "vue svelte astro yaml yml toml ini cfg conf env xml graphql gql proto lua r scala ex exs erl dart gradle tf hcl clj elm hs ml nix zig prisma")
    .split(" "),
);
const CODE_NAMES = new Set(["dockerfile", "makefile", "rakefile", "gemfile", "procfile", "justfile", ".gitignore", ".editorconfig", ".npmrc", ".env.example"]);
/** Formats that are binary whatever their first bytes say. */
const BINARY = new Set(
  ("png jpg jpeg gif webp bmp ico tif tiff psd heic avif mp3 mp4 m4a wav ogg flac mov avi mkv webm zip gz tgz bz2 xz 7z rar jar war " +
    "exe dll so dylib bin o a class pyc wasm woff woff2 ttf otf eot sqlite db doc xls xlsx ppt pptx odt key pages").split(" "),
);

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1) : "";
}

/** The kind a path names; `null` for a text file of unknown extension (its bytes decide). */
function kindOfPath(path: string): DocumentKind | "binary" | null {
  const ext = extensionOf(path);
  if (BINARY.has(ext)) return "binary";
  if (BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  if (CODE.has(ext) || CODE_NAMES.has(path.slice(path.lastIndexOf("/") + 1).toLowerCase())) return "code";
  return null;
}

/** Why these bytes are not text, or null when they decode as UTF-8 text. */
function binaryReason(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return "binary content (it contains NUL bytes)";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "binary content (it is not valid UTF-8 text)";
  }
  return null;
}

const decode = (bytes: Uint8Array) => new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");

/**
 * A file's text by its kind: PDF through unpdf (pdf.js), DOCX through mammoth, HTML through the
 * same extractor `fetch_url` uses, everything else as UTF-8. Binary files come back skipped, with why.
 */
export async function extractDocument(path: string, bytes: Uint8Array): Promise<Extracted> {
  const kind = kindOfPath(path);
  if (kind === "binary") return { skipped: `binary file (.${extensionOf(path)})` };
  try {
    if (kind === "pdf") {
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      const { text } = await pdfText(pdf, { mergePages: false });
      return nonEmpty("pdf", text.map((page) => page.trim()).join("\n\n"));
    }
    if (kind === "docx") {
      const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
      return nonEmpty("docx", value.replace(/\n{3,}/g, "\n\n").trim());
    }
  } catch (error) {
    return { skipped: `its ${kind?.toUpperCase()} text could not be read (${(error as Error).message})` };
  }
  const binary = binaryReason(bytes);
  if (binary) return { skipped: binary };
  const text = decode(bytes);
  if (kind === "html") {
    const page = htmlToText(text);
    return nonEmpty("html", [page.title ? `# ${page.title}` : "", page.text].filter(Boolean).join("\n\n"));
  }
  return nonEmpty(kind ?? "text", text);
}

function nonEmpty(kind: DocumentKind, text: string): Extracted {
  return text.trim() ? { kind, text } : { skipped: "no text in it" };
}
