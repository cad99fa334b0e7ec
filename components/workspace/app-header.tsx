import Link from "next/link";
import type { ReactNode } from "react";
import { SimulatorBadge } from "@/components/ui/simulator-badge";
import { UserMenu } from "./user-menu";
import { WorkspaceSwitcher } from "./workspace-switcher";

const navLinkClass = "rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900";

/**
 * The bar on every page: home link, workspace switcher, links to the runs, the documents and the API reference; `title` continues the trail (the editor
 * puts the graph's name there); `children` go to the right, before the simulator badge and the account menu.
 */
export function AppHeader({
  workspaceName,
  simulated,
  title,
  children,
}: {
  workspaceName: string;
  simulated: boolean;
  title?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <header className="flex h-14 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-5">
      <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
        <span aria-hidden className="grid size-7 place-items-center rounded-md bg-slate-900 text-xs font-bold text-white">
          Tf
        </span>
        Tierflow
      </Link>
      <WorkspaceSwitcher workspaceName={workspaceName} />
      {title && (
        <>
          <span aria-hidden className="text-slate-300">
            /
          </span>
          <div className="min-w-0">{title}</div>
        </>
      )}
      <div className="ml-auto flex items-center gap-3">
        <nav aria-label="Main" className="flex items-center gap-1 text-sm">
          <Link href="/runs" className={navLinkClass}>
            Runs
          </Link>
          <Link href="/documents" className={navLinkClass}>
            Documents
          </Link>
          <Link href="/datasets" className={navLinkClass}>
            Datasets
          </Link>
          <Link href="/experiments" className={navLinkClass}>
            Experiments
          </Link>
          <Link href="/api-docs" className={navLinkClass}>
            API reference
          </Link>
        </nav>
        {children}
        <SimulatorBadge simulated={simulated} />
        <UserMenu />
      </div>
    </header>
  );
}
