import type { ToolHost } from "@/lib/engine";
import { getTool, runTool, toOpenAITool } from "@/lib/tools";

/** Hosts allowed past fetch_url's private-address guard, e.g. an intranet wiki: `TIERFLOW_FETCH_ALLOW_HOSTS=wiki.local,10.0.0.5:8080`. */
function allowHostsFromEnv(): string[] {
  return (process.env.TIERFLOW_FETCH_ALLOW_HOSTS ?? "")
    .split(",")
    .map((host) => host.trim())
    .filter(Boolean);
}

/** The engine's view of the tool registry. */
export function createToolHost(): ToolHost {
  const fetchAllowHosts = allowHostsFromEnv();
  return {
    definitions: (names) => names.map((name) => getTool(name)).filter((tool) => tool !== undefined).map(toOpenAITool),
    run: (name, rawArguments, signal) => runTool(name, rawArguments, { signal, fetchAllowHosts }),
  };
}
