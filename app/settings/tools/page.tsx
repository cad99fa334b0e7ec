import type { Metadata } from "next";
import { pageAccess } from "@/lib/auth/page-access";
import { listMcpServers } from "@/lib/workspaces/mcp-servers";
import { McpServersPanel } from "@/components/settings/mcp-servers-panel";
import { HttpToolsPanel } from "@/components/settings/http-tools-panel";
import { listHttpTools } from "@/lib/workspaces/http-tools";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tools" };

/** Tools: every member sees the workspace's MCP servers, their tools and its HTTP tools; owners add, refresh and remove them. */
export default async function ToolsPage() {
  const access = await pageAccess("/settings/tools");
  const [servers, httpTools] = await Promise.all([listMcpServers(access.workspace.id), listHttpTools(access.workspace.id)]);
  return (
    <section aria-labelledby="tools-heading" className="space-y-6">
      <div>
        <h1 id="tools-heading" className="text-2xl font-semibold tracking-tight">
          Tools
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Besides the built-in calculator and fetch_url, executors can use the tools of MCP servers and the HTTP tools added here. Pick them per node in the
          inspector.
        </p>
      </div>
      <McpServersPanel initialServers={servers} canManage={access.can("owner")} />
      <HttpToolsPanel initialTools={httpTools} canManage={access.can("owner")} />
    </section>
  );
}
