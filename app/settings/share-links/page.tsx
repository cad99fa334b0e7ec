import type { Metadata } from "next";
import { pageAccess } from "@/lib/auth/page-access";
import { listWorkspaceShareLinks } from "@/lib/runs";
import { ShareLinksPanel } from "@/components/settings/share-links-panel";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Share links" };

/** Every working share link of the workspace; editors and owners revoke them, viewers audit. */
export default async function ShareLinksPage() {
  const access = await pageAccess("/settings/share-links");
  const initial = await listWorkspaceShareLinks(access.workspace.id, { limit: 50 });
  return (
    <section aria-labelledby="share-links-heading" className="space-y-6">
      <div>
        <h1 id="share-links-heading" className="text-2xl font-semibold tracking-tight">
          Share links
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Anyone holding one of these links can watch its run read-only, without an account. Revoke a link to end that access at once.
        </p>
      </div>
      <ShareLinksPanel initial={initial} canRevoke={access.can("editor")} />
    </section>
  );
}
