export { globToRegExp } from "./glob";
export type { DocumentFileInfo, DocumentHit, DocumentReader } from "./reader";
export { DOCUMENT_TOOLS, FILE_TEXT_TOOLS, listFilesTool, READ_FILE_MAX_CHARS, readFileTool, searchFilesTool } from "./tools";
