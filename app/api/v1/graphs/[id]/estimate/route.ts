import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { documentEstimate } from "@/lib/documents";
import { estimateRunBody } from "@/lib/graphs/schemas";
import { getGraph } from "@/lib/graphs/service";
import { requireWellFormedGraph, workspaceGraphChecks } from "@/lib/graphs/validation";
import { estimateRunCost } from "@/lib/engine/estimate";
import { loadEstimateHistory, workspaceToolDefinitions } from "@/lib/runs";
import { workspaceModels } from "@/lib/workspaces/provider";

type Params = { id: string };

// User text may contain special-token strings; they are counted as plain text.
const PLAIN = { disallowedSpecial: new Set<string>() };

/**
 * `POST /api/v1/graphs/:id/estimate`: the stored graph, or the editor's unsaved `graph`, priced for `input`.
 * A graph with problems is priced too (a preview while it is built); only a malformed one answers 422.
 * Attached `documents` count by their files' sizes: the listing planners see, a fan-out per file, each read.
 * Nodes with succeeded past runs of this graph (same mode, same role) are estimated from what those runs
 * used, and `accuracy` is the estimate's error on the latest of them, each held out in turn.
 */
export const POST = withWorkspace<Params>(async ({ request, params, access }) => {
  const body = await readJson(request, estimateRunBody);
  const stored = await getGraph(access.workspace.id, params.id);
  const { graph } = requireWellFormedGraph(body.graph ?? stored.graph, await workspaceGraphChecks(access.workspace.id));
  const { catalog, simulated } = await workspaceModels(access.workspace.id);
  const estimate = estimateRunCost(graph, body.input, catalog, {
    countTokens: (text) => (text ? countTokens(text, PLAIN) : 0),
    // Tool definitions are input tokens on every call of a node that has them.
    tools: await workspaceToolDefinitions(access.workspace.id, graph.nodes.flatMap((node) => node.tools)),
    simulated,
    documents: await documentEstimate(access.workspace.id, body.documents ?? []),
    history: await loadEstimateHistory(access.workspace.id, stored.id, { simulated }),
  });
  return json({ ...estimate, simulated, tokenizer: "o200k_base" });
});
