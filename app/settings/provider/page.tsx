import type { Metadata } from "next";
import { pageAccess } from "@/lib/auth/page-access";
import { getProviderSettings } from "@/lib/workspaces/provider";
import { ProviderForm } from "@/components/settings/provider-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Provider" };

/** The model provider: every member sees where runs go (never the key); owners change it. */
export default async function ProviderSettingsPage() {
  const access = await pageAccess("/settings/provider");
  const settings = await getProviderSettings(access.workspace.id);
  return (
    <section aria-labelledby="provider-heading" className="space-y-6">
      <div>
        <h1 id="provider-heading" className="text-2xl font-semibold tracking-tight">
          Provider
        </h1>
        <p className="mt-1 text-sm text-slate-600">The OpenAI-compatible server this workspace&apos;s runs call, and the model and prices of each tier.</p>
      </div>
      <ProviderForm initial={settings} canEdit={access.can("owner")} />
    </section>
  );
}
