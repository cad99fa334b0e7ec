import Link from "next/link";
import { SimulatorBadge } from "@/components/ui/simulator-badge";

export function AppHeader({ workspaceName, simulated, children }: { workspaceName: string; simulated: boolean; children?: React.ReactNode }) {
  return (
    <header className="flex h-14 items-center gap-4 border-b border-slate-200 bg-white px-5">
      <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
        <span aria-hidden className="grid size-7 place-items-center rounded-md bg-slate-900 text-xs font-bold text-white">
          Tf
        </span>
        Tierflow
      </Link>
      <span className="text-sm text-slate-500">{workspaceName}</span>
      <div className="ml-auto flex items-center gap-3">
        {children}
        <SimulatorBadge simulated={simulated} />
      </div>
    </header>
  );
}
