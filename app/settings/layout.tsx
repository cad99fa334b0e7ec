import type { Metadata } from "next";
import type { ReactNode } from "react";
import { pageAccess } from "@/lib/auth/page-access";
import { workspaceModels } from "@/lib/workspaces/provider";
import { AppHeader } from "@/components/workspace/app-header";
import { SettingsNav } from "@/components/workspace/settings-nav";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: { default: "Workspace settings", template: "%s · Settings · Tierflow" } };

/** The frame of every workspace settings page: header, section navigation, then the section. */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const access = await pageAccess("/settings");
  const { simulated } = await workspaceModels(access.workspace.id);
  return (
    <div className="min-h-screen">
      <AppHeader workspaceName={access.workspace.name} simulated={simulated} />
      <div className="mx-auto grid max-w-5xl gap-8 px-5 py-10 md:grid-cols-[12rem_minmax(0,1fr)]">
        <div>
          <p className="mb-3 px-3 text-xs font-semibold tracking-wider text-slate-500 uppercase">Workspace settings</p>
          <SettingsNav />
        </div>
        <div className="min-w-0">{children}</div>
      </div>
    </div>
  );
}
