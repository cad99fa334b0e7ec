import { resolveWorkspace } from "@/lib/auth/workspace";
import { listGraphs } from "@/lib/graphs/service";
import { providerFromEnv } from "@/lib/models";
import { AppHeader } from "@/components/workspace/app-header";
import { GraphList } from "@/components/workspace/graph-list";
import { NewGraphButton } from "@/components/workspace/new-graph-button";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const access = await resolveWorkspace();
  const graphs = await listGraphs(access.workspace.id);
  return (
    <div className="min-h-screen">
      <AppHeader workspaceName={access.workspace.name} simulated={!providerFromEnv().apiKey} />
      <main className="mx-auto max-w-4xl px-5 py-10">
        <div className="mb-6 flex items-center justify-between gap-4">
          <h1 className="text-2xl font-semibold tracking-tight">Graphs</h1>
          {graphs.length > 0 && <NewGraphButton />}
        </div>
        <GraphList graphs={graphs} />
      </main>
    </div>
  );
}
