import type { Metadata } from "next";
import Link from "next/link";
import { listApiKeys } from "@/lib/auth/api-keys";
import { pageAccess } from "@/lib/auth/page-access";
import { ApiKeysPanel } from "@/components/settings/api-keys-panel";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

/** API keys: owners create and revoke them; others are told who can. */
export default async function ApiKeysPage() {
  const access = await pageAccess("/settings/api-keys");
  const owner = access.can("owner");
  const keys = owner ? await listApiKeys(access.workspace.id) : [];
  return (
    <section aria-labelledby="api-keys-heading" className="space-y-6">
      <div>
        <h1 id="api-keys-heading" className="text-2xl font-semibold tracking-tight">
          API keys
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Keys let scripts and CI call Tierflow&apos;s API (<code className="text-xs">/api/v1</code>) with an editor&apos;s rights in this
          workspace: create and edit graphs, start and cancel runs. Every operation is in the{" "}
          <Link href="/api-docs" className="font-medium text-sky-700 hover:underline">
            API reference
          </Link>
          .
        </p>
      </div>
      {owner ? <ApiKeysPanel initialKeys={keys} /> : <p className="text-sm text-slate-600">Only owners of the workspace manage API keys.</p>}
    </section>
  );
}
