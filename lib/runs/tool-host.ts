import type { ToolHost } from "@/lib/engine";
import { getTool, outboundAllowHosts, runTool, toOpenAITool } from "@/lib/tools";

/** The engine's view of the tool registry; `fetch_url` reaches what the operator's allow-lists let past the outbound guard. */
export function createToolHost(): ToolHost {
  const fetchAllowHosts = outboundAllowHosts(process.env, { fetchUrl: true });
  return {
    definitions: (names) => names.map((name) => getTool(name)).filter((tool) => tool !== undefined).map(toOpenAITool),
    run: (name, rawArguments, signal) => runTool(name, rawArguments, { signal, fetchAllowHosts }),
  };
}
