import type { Metadata } from "next";
import { pageAccess } from "@/lib/auth/page-access";
import { listMcpServers } from "@/lib/workspaces/mcp-servers";
import { McpServersPanel } from "@/components/settings/mcp-servers-panel";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tools" };

/** Tools: every member sees the workspace's MCP servers and their tools; owners add, refresh and remove them. */
export default async function ToolsPage() {
  const access = await pageAccess("/settings/tools");
  const servers = await listMcpServers(access.workspace.id);
  return (
    <section aria-labelledby="tools-heading" className="space-y-6">
      <div>
        <h1 id="tools-heading" className="text-2xl font-semibold tracking-tight">
          Tools
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Besides the built-in calculator and fetch_url, executors can use the tools of MCP servers added here. Pick them per node in the
          inspector.
        </p>
      </div>
      <McpServersPanel initialServers={servers} canManage={access.can("owner")} />
    </section>
  );
}
