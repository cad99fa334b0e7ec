import type { Metadata } from "next";
import { pageAccess } from "@/lib/auth/page-access";
import { workspaceModels } from "@/lib/workspaces/provider";
import { ApiReference } from "@/components/settings/api-reference";
import { AppHeader } from "@/components/workspace/app-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API reference" };

/** The API reference: every /api/v1 operation with its schemas, from the served OpenAPI document. */
export default async function ApiDocsPage() {
  const access = await pageAccess("/api-docs");
  const { simulated } = await workspaceModels(access.workspace.id);
  return (
    <div className="min-h-screen">
      <div className="sticky top-0 z-40">
        <AppHeader workspaceName={access.workspace.name} simulated={simulated} />
      </div>
      {/* Scalar renders the page's <main> landmark itself. */}
      <ApiReference documentUrl="/api/v1/openapi.json" />
    </div>
  );
}
