export { buildRequest, callHttpTool, type HttpCallOptions } from "./call";
export {
  DEFAULT_HTTP_TOOL_OUTPUT_CHARS,
  DEFAULT_HTTP_TOOL_TIMEOUT_MS,
  HTTP_METHODS,
  httpToolId,
  httpToolParametersSchema,
  httpToolFieldsSchema,
  httpToolSpecSchema,
  MAX_HTTP_TOOL_TIMEOUT_MS,
  templatePlaceholders,
  type HttpMethod,
  type HttpToolEntry,
  type HttpToolSpec,
  type HttpToolSpecInput,
} from "./config";
