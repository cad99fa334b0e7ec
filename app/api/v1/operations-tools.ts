import type { ApiOperation } from "@/lib/api/openapi";
import { createHttpToolBody, updateHttpToolBody } from "@/lib/workspaces/http-tools";
import { createMcpServerBody, updateMcpServerBody } from "@/lib/workspaces/mcp-servers";

/** The workspace's MCP servers and HTTP tools. Part of `OPERATIONS` (operations.ts). */
export const TOOL_OPERATIONS: readonly ApiOperation[] = [
  {
    method: "GET", route: "/api/v1/mcp-servers", operationId: "listMcpServers", tag: "Tools", auth: "workspace",
    summary: "List the workspace's MCP servers",
    description: "Each with its status line and the tools it listed. Header and env values are never returned, only their names.",
    response: { status: 200, description: "`{ servers }`." },
  },
  {
    method: "POST", route: "/api/v1/mcp-servers", operationId: "createMcpServer", tag: "Tools", auth: "workspace", minRole: "owner",
    summary: "Add an MCP server",
    description: "Streamable HTTP (`url`, `headers`; the URL goes through the outbound address guard) or stdio (`command`, `args`, `env`; off unless the operator sets `TIERFLOW_MCP_STDIO`). It is connected and its tools listed before the answer.",
    body: createMcpServerBody,
    errors: ["conflict"],
    response: { status: 201, description: "The server with its status and tools." },
  },
  {
    method: "PATCH", route: "/api/v1/mcp-servers/[id]", operationId: "updateMcpServer", tag: "Tools", auth: "workspace", minRole: "owner",
    summary: "Change an MCP server",
    description: "An empty header or env value keeps the stored one. The server is checked again.",
    body: updateMcpServerBody,
    response: { status: 200, description: "The server with its status and tools." },
  },
  {
    method: "DELETE", route: "/api/v1/mcp-servers/[id]", operationId: "deleteMcpServer", tag: "Tools", auth: "workspace", minRole: "owner",
    summary: "Remove an MCP server",
    description: "Nodes that use its tools get an unknown-tool problem.",
    response: { status: 200, description: "`{ id }`." },
  },
  {
    method: "POST", route: "/api/v1/mcp-servers/[id]/refresh", operationId: "refreshMcpServer", tag: "Tools", auth: "workspace", minRole: "owner",
    summary: "List an MCP server's tools again",
    description: "If the server cannot be reached, its last listed tools are kept and the status says why.",
    response: { status: 200, description: "The server with its status and tools." },
  },

  // Tools: HTTP tools
  {
    method: "GET", route: "/api/v1/http-tools", operationId: "listHttpTools", tag: "Tools", auth: "workspace",
    summary: "List the workspace's HTTP tools",
    description: "Header values are never returned, only their names. Nodes name a tool by its `toolId` (`http:<id>`).",
    response: { status: 200, description: "`{ tools }`." },
  },
  {
    method: "POST", route: "/api/v1/http-tools", operationId: "createHttpTool", tag: "Tools", auth: "workspace", minRole: "owner",
    summary: "Add an HTTP tool",
    description: "`parameters` is a JSON Schema with `type: \"object\"`; `{name}` placeholders in `urlTemplate` are filled (URL-encoded) from the arguments, the rest go to the query string (GET, DELETE) or a JSON body (POST, PUT, PATCH). The URL goes through the outbound address guard.",
    body: createHttpToolBody,
    errors: ["conflict"],
    response: { status: 201, description: "The tool." },
  },
  {
    method: "PATCH", route: "/api/v1/http-tools/[id]", operationId: "updateHttpTool", tag: "Tools", auth: "workspace", minRole: "owner",
    summary: "Change an HTTP tool",
    description: "Send only the fields to change; the changed tool is checked like a new one. A header sent with an empty value keeps the stored one; a header left out of `headers` is removed.",
    body: updateHttpToolBody,
    errors: ["conflict"],
    response: { status: 200, description: "The tool." },
  },
  {
    method: "DELETE", route: "/api/v1/http-tools/[id]", operationId: "deleteHttpTool", tag: "Tools", auth: "workspace", minRole: "owner",
    summary: "Remove an HTTP tool",
    description: "Nodes that use it get an unknown-tool problem.",
    response: { status: 200, description: "`{ id }`." },
  },
];
