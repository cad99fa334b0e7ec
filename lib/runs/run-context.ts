import { createDocumentReader, documentManifest } from "@/lib/documents";
import { AppError } from "@/lib/errors";
import { httpToolsOf } from "@/lib/workspaces/http-tools";
import { mcpServersOf } from "@/lib/workspaces/mcp-servers";
import { workspaceProviderOf } from "@/lib/workspaces/provider";
import type { WorkspaceRunResources } from "@/lib/workspaces/run-resources";
import { runtime } from "./runtime";

/** 32-bit FNV-1a: a stable simulator seed per run, so a run replays the same way. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Refuses new work while this process shuts down: the client retries on the next one. */
export function requireAcceptingRuns(): void {
  if (runtime.draining) throw new AppError("unavailable", "The server is shutting down; try again in a moment.");
}

/**
 * What a run of this workspace executes with: its provider, models, tools and attached documents,
 * from its run resources (loaded once per start, see `loadWorkspaceRunResources`).
 */
export async function workspaceRunContext(workspaceId: string, resources: WorkspaceRunResources, documentIds: readonly string[] = []) {
  const { provider, providerLabel, providers, catalog, simulated } = workspaceProviderOf(resources);
  const mcp = mcpServersOf(resources.mcpServers);
  const httpTools = httpToolsOf(resources.httpTools);
  const documents = documentIds.length > 0 ? await createDocumentReader(workspaceId, documentIds) : undefined;
  const attachments = documents ? documentManifest(await documents.list()) : undefined;
  return { provider, providerLabel, providers, catalog, simulated, mcp, httpTools, documents, attachments };
}
