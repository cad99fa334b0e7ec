import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { pageAccess } from "@/lib/auth/page-access";
import { AppError } from "@/lib/errors";
import { graphDocumentSchema, migrateGraphDocument } from "@/lib/graph";
import { getGraph } from "@/lib/graphs/service";
import { listTools } from "@/lib/tools";
import { workspaceModels } from "@/lib/workspaces/provider";
import { EditorRunControls } from "@/components/run/editor-run-controls";
import { EditorClient } from "./editor-client";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** The graph of the caller's workspace, or a 404 page (another workspace's graph answers the same). */
const loadGraph = cache(async (id: string) => {
  const access = await pageAccess(`/graphs/${id}`);
  try {
    return { access, record: await getGraph(access.workspace.id, id) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { record } = await loadGraph((await params).id);
  return { title: record.name };
}

export default async function GraphEditorPage({ params }: Params) {
  const { access, record } = await loadGraph((await params).id);
  // Stored documents were valid when saved; migrating and parsing brings older ones up to date.
  const migrated = migrateGraphDocument(record.graph);
  const parsed = migrated.ok ? graphDocumentSchema.safeParse(migrated.document) : null;
  if (!parsed?.success) {
    throw new Error(`Graph ${record.id} has a stored document this version of Tierflow cannot read.`);
  }
  const { catalog, simulated } = await workspaceModels(access.workspace.id);
  const tools = listTools().map(({ name, title, description }) => ({ name, title, description }));
  return (
    <EditorClient
      graph={{ id: record.id, name: record.name, version: record.version, graph: parsed.data }}
      workspaceName={access.workspace.name}
      simulated={simulated}
      tools={tools}
      catalog={catalog}
      // Viewers get a read-only editor and no Run button; the API refuses their writes as well.
      readOnly={!access.can("editor")}
      toolbarExtra={access.can("editor") ? <EditorRunControls simulated={simulated} /> : undefined}
    />
  );
}
