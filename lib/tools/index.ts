export { abortErrorFrom, isAbortError } from "./abort";
export { calculate, calculatorTool, MAX_EXPRESSION_LENGTH } from "./calculator";
export { createFetchUrlTool, DEFAULT_FETCH_URL_LIMITS, fetchUrlTool, type FetchUrlLimits } from "./fetch-url";
export { decodeEntities, htmlToText, type ExtractedPage } from "./html-to-text";
export { classifyAddress, isPublicAddress, type AddressKind } from "./net-guard";
export {
  BlockedHostError,
  checkOutboundUrl,
  createGuardedFetch,
  OUTBOUND_ALLOW_HOSTS_ENV,
  outboundAllowHosts,
  type GuardedFetch,
  type OutboundPolicy,
} from "./outbound";
export {
  createToolRecord,
  executeTool,
  getTool,
  listTools,
  runTool,
  TOOL_NAMES,
  toOpenAITool,
  toolParametersSchema,
  TOOLS,
  type ToolName,
  type ToolParametersSchema,
  type ToolRunResult,
  type ToolSummary,
} from "./registry";
export { defineTool, type AnyToolDefinition, type ToolContext, type ToolDefinition } from "./types";
export { DOCUMENT_TOOLS, FILE_TEXT_TOOLS, globToRegExp, READ_FILE_MAX_CHARS, type DocumentFileInfo, type DocumentHit, type DocumentReader } from "./documents";
