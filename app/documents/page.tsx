import type { Metadata } from "next";
import { pageAccess } from "@/lib/auth/page-access";
import { DOCUMENT_LIMITS, formatBytes, listCollections } from "@/lib/documents";
import { workspaceModels } from "@/lib/workspaces/provider";
import { DocumentsLibrary } from "@/components/documents/documents-library";
import { AppHeader } from "@/components/workspace/app-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Documents" };

const LIMITS_NOTE =
  `Up to ${formatBytes(DOCUMENT_LIMITS.maxFileBytes)} per file and ${formatBytes(DOCUMENT_LIMITS.maxUploadBytes)} per upload; ` +
  `${formatBytes(DOCUMENT_LIMITS.maxWorkspaceBytes)} per workspace. Text, Markdown, code, JSON, CSV, HTML, PDF and DOCX are indexed; binary files are skipped.`;

/** The workspace's document library: collections of files that runs attach for their document tools. */
export default async function DocumentsPage() {
  const access = await pageAccess("/documents");
  const [collections, { simulated }] = await Promise.all([listCollections(access.workspace.id), workspaceModels(access.workspace.id)]);
  return (
    <div className="min-h-screen">
      <AppHeader workspaceName={access.workspace.name} simulated={simulated} />
      <main className="mx-auto max-w-5xl px-5 py-10">
        <h1 className="text-2xl font-semibold tracking-tight">Documents</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          Group files into collections and attach them when you start a run: executors with list_files, read_file and search_files read only the
          collections attached to their run.
        </p>
        <DocumentsLibrary initialCollections={collections} canEdit={access.can("editor")} limitsNote={LIMITS_NOTE} />
      </main>
    </div>
  );
}
