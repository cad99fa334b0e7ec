import type { Metadata } from "next";
import { cache } from "react";
import { z } from "zod";
import { pageAccess, switchToHolderOrNotFound, switchedInto } from "@/lib/auth/page-access";
import { SWITCHED_PARAM } from "@/lib/auth/workspace-access";
import { AppError } from "@/lib/errors";
import { tierSchema, type Tier } from "@/lib/graph";
import { myWorkspaceHoldingGraph } from "@/lib/graphs/locate";
import { getGraph } from "@/lib/graphs/service";
import { listTools } from "@/lib/tools";
import { listHttpTools } from "@/lib/workspaces/http-tools";
import { listMcpServers } from "@/lib/workspaces/mcp-servers";
import { workspaceModels } from "@/lib/workspaces/provider";
import { EditorRunControls } from "@/components/run/editor-run-controls";
import { UnreadableDocument } from "@/components/ui/unreadable-document";
import { AppHeader } from "@/components/workspace/app-header";
import { SwitchedNotice } from "@/components/workspace/switched-notice";
import { EditorClient } from "./editor-client";

export const dynamic = "force-dynamic";

const tiersParam = z.record(z.string(), tierSchema);

/** `?tiers=` from the tier advisor's "Apply" link: a JSON object of node id → tier; anything else is ignored. */
function proposedTiers(value: string | string[] | undefined): Record<string, Tier> | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const parsed = tiersParam.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

type Params = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The graph of the caller's workspace (its document migrated and parsed by lib/graphs), a switch
 * to another of their workspaces that holds it, a 404 page (a stranger's graph answers like a
 * missing one), or why its stored document is unreadable.
 */
const loadGraph = cache(async (id: string) => {
  const access = await pageAccess(`/graphs/${id}`);
  try {
    return { access, record: await getGraph(access.workspace.id, id), unreadable: null };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") {
      await switchToHolderOrNotFound(access, `/graphs/${id}`, (userId) => myWorkspaceHoldingGraph(userId, id));
    }
    if (error instanceof AppError && error.code === "unreadable_document") return { access, record: null, unreadable: error.message };
    throw error;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { record } = await loadGraph((await params).id);
  return { title: record?.name ?? "Unreadable graph" };
}

export default async function GraphEditorPage({ params, searchParams }: Params) {
  const { access, record, unreadable } = await loadGraph((await params).id);
  const { catalog, simulated } = await workspaceModels(access.workspace.id);
  const query = await searchParams;
  const switched = switchedInto(access, query);
  const notice = switched && <SwitchedNotice workspaceName={switched} marker={SWITCHED_PARAM} />;
  if (!record) {
    return (
      <div className="min-h-screen">
        {notice}
        <AppHeader workspaceName={access.workspace.name} simulated={simulated} />
        <UnreadableDocument
          title="This graph can’t be opened"
          reason={unreadable}
          advice="Nothing has been changed. If it was saved by a newer version of Tierflow, update this server; otherwise import an exported copy into a new graph, or delete this one from the graph list."
          back={{ href: "/", label: "Back to graphs" }}
        />
      </div>
    );
  }
  const [servers, httpTools] = await Promise.all([listMcpServers(access.workspace.id), listHttpTools(access.workspace.id)]);
  const tools = [
    ...listTools().map(({ name, title, description }) => ({ name, title, description })),
    ...httpTools.map((tool) => ({ name: tool.toolId, title: tool.name, description: tool.description, group: "HTTP tools", toolName: `${tool.method} ${tool.urlTemplate}` })),
    ...servers.flatMap((server) => server.tools.map((tool) => ({ name: tool.id, title: tool.title ?? tool.name, description: tool.description, group: server.name, toolName: tool.name }))),
  ];
  return (
    <>
      {notice}
      <EditorClient
        graph={{ id: record.id, name: record.name, version: record.version, graph: record.graph }}
        workspaceName={access.workspace.name}
        simulated={simulated}
        tools={tools}
        catalog={catalog}
        // Viewers get a read-only editor and no Run button; the API refuses their writes as well.
        readOnly={!access.can("editor")}
        proposedTiers={proposedTiers(query.tiers)}
        toolbarExtra={access.can("editor") ? <EditorRunControls simulated={simulated} /> : undefined}
      />
    </>
  );
}
