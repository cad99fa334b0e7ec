export { McpConnectError, McpConnection, type McpConnectOptions } from "./client";
export {
  DEFAULT_MCP_TIMEOUT_MS,
  MAX_MCP_TIMEOUT_MS,
  mcpHttpTransportSchema,
  mcpStdioTransportSchema,
  mcpTransportSchema,
  type McpServerConfig,
  type McpToolInfo,
  type McpTransport,
} from "./config";
export { assignFunctionNames, mcpToolId, parseMcpToolId, type FunctionNameRequest } from "./names";
export { capOutput, DEFAULT_MCP_OUTPUT_CHARS, toToolRunResult } from "./result";
export { assertStdioAllowed, MCP_STDIO_ENV, StdioRefusedError, stdioPolicy, type StdioPolicy } from "./stdio-policy";
export { McpToolSet, type McpServerTools, type McpToolEntry } from "./tool-set";
