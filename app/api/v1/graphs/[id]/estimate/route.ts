import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { z } from "zod";
import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { getGraph } from "@/lib/graphs/service";
import { requireValidGraph, workspaceToolNames } from "@/lib/graphs/validation";
import { estimateRunCost } from "@/lib/models/estimate";
import { listTools } from "@/lib/tools";
import { workspaceModels } from "@/lib/workspaces/provider";

type Params = { id: string };

/** `POST /api/v1/graphs/:id/estimate`: the stored graph, or the editor's unsaved `graph`, priced for `input`. */
const estimateBody = z.object({
  input: z.string().max(100_000, "The task is longer than 100,000 characters."),
  graph: z.unknown().optional(),
});

// User text may contain special-token strings; they are counted as plain text.
const PLAIN = { disallowedSpecial: new Set<string>() };

export const POST = withWorkspace<Params>(async ({ request, params, access }) => {
  const body = await readJson(request, estimateBody);
  const stored = await getGraph(access.workspace.id, params.id);
  const graph = requireValidGraph(body.graph ?? stored.graph, await workspaceToolNames(access.workspace.id));
  const { catalog, simulated } = await workspaceModels(access.workspace.id);
  const estimate = estimateRunCost(graph, body.input, catalog, {
    countTokens: (text) => (text ? countTokens(text, PLAIN) : 0),
    tools: listTools(),
    simulated,
  });
  return json({ ...estimate, simulated, tokenizer: "o200k_base" });
});
