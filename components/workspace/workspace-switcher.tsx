"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { accountApi, type MyWorkspaces } from "./account-api";
import { HeaderMenu, menuItemClass } from "./header-menu";

/** The header's workspace menu: my workspaces with my role in each (pick one to switch), settings, and "Create workspace". */
export function WorkspaceSwitcher({ workspaceName }: { workspaceName: string }) {
  const router = useRouter();
  const [data, setData] = useState<MyWorkspaces | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    const result = await accountApi.workspaces();
    if (result.ok) setData(result.value);
    else setError(result.error.message);
  };

  const switchTo = async (id: string) => {
    const result = await accountApi.switchWorkspace(id);
    if (!result.ok) return setError(result.error.message);
    // Every page shows the active workspace's data: start over from its graph list.
    router.push("/");
    router.refresh();
  };

  return (
    <HeaderMenu label={`Workspace: ${workspaceName}`} button={<span className="max-w-48 truncate">{workspaceName}</span>} onOpen={load}>
      <p className="px-2.5 pt-1 pb-1.5 text-xs font-semibold tracking-wider text-slate-500 uppercase">Your workspaces</p>
      {error && (
        <p role="alert" className="px-2.5 py-1.5 text-red-700">
          {error}
        </p>
      )}
      {!data && !error && <p className="px-2.5 py-1.5 text-slate-500">Loading…</p>}
      {data && (
        <ul aria-label="Your workspaces">
          {data.workspaces.map((workspace) => {
            const active = workspace.id === data.activeWorkspaceId;
            return (
              <li key={workspace.id}>
                <button
                  type="button"
                  className={menuItemClass}
                  aria-current={active ? "true" : undefined}
                  disabled={active}
                  onClick={() => switchTo(workspace.id)}
                >
                  <span className="min-w-0 truncate">
                    {active && <span aria-hidden>✓ </span>}
                    {workspace.name}
                  </span>
                  <span className="shrink-0 text-xs text-slate-500">{workspace.role}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="mt-1 border-t border-slate-100 pt-1">
        <Link href="/settings" className={menuItemClass}>
          Workspace settings
        </Link>
        <Link href="/workspaces/new" className={menuItemClass}>
          Create workspace
        </Link>
      </div>
    </HeaderMenu>
  );
}
