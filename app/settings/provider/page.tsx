import type { Metadata } from "next";
import { pageAccess } from "@/lib/auth/page-access";
import { getProviderSettings } from "@/lib/workspaces/provider";
import { ProviderForm } from "@/components/settings/provider-form";
import { ProvidersPanel } from "@/components/settings/providers-panel";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Providers" };

/** The model providers and the tier mapping: every member sees where runs go (never a key); owners change it. */
export default async function ProviderSettingsPage() {
  const access = await pageAccess("/settings/provider");
  const settings = await getProviderSettings(access.workspace.id);
  const canEdit = access.can("owner");
  return (
    <section aria-labelledby="provider-heading" className="space-y-8">
      <div>
        <h1 id="provider-heading" className="text-2xl font-semibold tracking-tight">
          Providers
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          The OpenAI-compatible servers this workspace&apos;s runs call, and which model (on which provider) each tier runs. Mix vendors: plan on one, run nano
          executors on a local model.
        </p>
      </div>
      <ProvidersPanel providers={settings.providers} canEdit={canEdit} />
      {/* Keyed by the provider list, so a provider added above shows up in the tier table's choices. */}
      <ProviderForm key={settings.providers.map((p) => p.id).join()} initial={settings} canEdit={canEdit} />
    </section>
  );
}
