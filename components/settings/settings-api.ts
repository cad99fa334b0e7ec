import type { ApiKeyInfo, CreatedApiKey } from "@/lib/auth/api-keys";
import type { CatalogOverrides } from "@/lib/models/catalog";
import type { WorkspaceShareLink } from "@/lib/runs/share-links";
import type { CreateHttpToolInput, HttpToolSummary, UpdateHttpToolBody } from "@/lib/workspaces/http-tools";
import type { CreateMcpServerInput, McpServerSummary, UpdateMcpServerInput } from "@/lib/workspaces/mcp-servers";
import type { ProviderSettings, ProviderSummary } from "@/lib/workspaces/provider";
import type { ConnectionCheck, CreateProviderBody, SavedProvider } from "@/lib/workspaces/provider-entries";
import { call } from "@/components/workspace/graph-api";

export type {
  ApiKeyInfo,
  ConnectionCheck,
  CreatedApiKey,
  CreateMcpServerInput,
  CreateHttpToolInput,
  HttpToolSummary,
  McpServerSummary,
  ProviderSettings,
  ProviderSummary,
  SavedProvider,
  UpdateHttpToolBody,
  UpdateMcpServerInput,
  WorkspaceShareLink,
};

/** API keys, provider settings, MCP servers and HTTP tools, for the settings pages' client components. */
export const settingsApi = {
  apiKeys: () => call<{ apiKeys: ApiKeyInfo[] }>("GET", "/api/v1/api-keys"),
  createApiKey: (name: string) => call<CreatedApiKey>("POST", "/api/v1/api-keys", { name }),
  revokeApiKey: (id: string) => call<ApiKeyInfo>("DELETE", `/api/v1/api-keys/${encodeURIComponent(id)}`),
  shareLinks: (cursor: string) => call<{ links: WorkspaceShareLink[]; nextCursor: string | null }>("GET", `/api/v1/shares?cursor=${encodeURIComponent(cursor)}`),
  revokeShareLink: (id: string) => call<null>("DELETE", `/api/v1/shares/${encodeURIComponent(id)}`),
  updateCatalog: (catalog: CatalogOverrides | null) => call<ProviderSettings>("PUT", "/api/v1/provider", { catalog }),
  createProvider: (body: CreateProviderBody) => call<SavedProvider>("POST", "/api/v1/providers", body),
  deleteProvider: (id: string) => call<{ id: string }>("DELETE", `/api/v1/providers/${encodeURIComponent(id)}`),
  testProvider: (id: string) => call<ConnectionCheck>("POST", `/api/v1/providers/${encodeURIComponent(id)}/test`),
  createMcpServer: (body: CreateMcpServerInput) => call<McpServerSummary>("POST", "/api/v1/mcp-servers", body),
  updateMcpServer: (id: string, body: UpdateMcpServerInput) => call<McpServerSummary>("PATCH", `/api/v1/mcp-servers/${encodeURIComponent(id)}`, body),
  refreshMcpServer: (id: string) => call<McpServerSummary>("POST", `/api/v1/mcp-servers/${encodeURIComponent(id)}/refresh`),
  deleteMcpServer: (id: string) => call<{ id: string }>("DELETE", `/api/v1/mcp-servers/${encodeURIComponent(id)}`),
  createHttpTool: (body: CreateHttpToolInput) => call<HttpToolSummary>("POST", "/api/v1/http-tools", body),
  updateHttpTool: (id: string, body: UpdateHttpToolBody) => call<HttpToolSummary>("PATCH", `/api/v1/http-tools/${encodeURIComponent(id)}`, body),
  deleteHttpTool: (id: string) => call<{ id: string }>("DELETE", `/api/v1/http-tools/${encodeURIComponent(id)}`),
};
