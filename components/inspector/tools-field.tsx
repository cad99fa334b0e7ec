"use client";

import { GRAPH_LIMITS } from "@/lib/graph";
import { WEB_BROWSING_TOOLS } from "@/lib/graph/advice";
import type { NodeData } from "@/lib/stores/editor";
import { useEditorResources, type ToolInfo } from "@/components/canvas/editor-resources";

/**
 * Tools as checkboxes, each with its description: the built-ins, the workspace's HTTP tools, then each MCP server's tools
 * under the server's name. Tools no longer known (a removed server or tool) are listed to remove.
 */
export function ToolsField({ id, data, onChange }: { id: string; data: NodeData; onChange: (tools: string[]) => void }) {
  const { tools } = useEditorResources();
  const known = new Set(tools.map((tool) => tool.name));
  const missing = data.tools.filter((tool) => !known.has(tool));
  const full = data.tools.length >= GRAPH_LIMITS.tools;
  const groups = [...new Set(tools.map((tool) => tool.group))];

  const toggle = (name: string, on: boolean) =>
    // Keep the registry's order so documents do not churn.
    onChange(on ? [...data.tools, name].sort((a, b) => order(a) - order(b)) : data.tools.filter((tool) => tool !== name));
  const order = (name: string) => {
    const index = tools.findIndex((tool) => tool.name === name);
    return index === -1 ? tools.length : index;
  };

  const item = (tool: ToolInfo) => {
    const checked = data.tools.includes(tool.name);
    return (
      <li key={tool.name}>
        <label className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-200 p-2 hover:bg-slate-50 has-checked:border-slate-400 has-checked:bg-slate-50">
          <input
            id={`${id}-${tool.name}`}
            type="checkbox"
            checked={checked}
            disabled={!checked && full}
            onChange={(event) => toggle(tool.name, event.target.checked)}
            className="mt-0.5 size-4 shrink-0"
          />
          <span className="min-w-0">
            <span className="text-sm font-medium text-slate-900">{tool.title}</span>{" "}
            <code className="text-[11px] text-slate-500">{tool.toolName ?? tool.name}</code>
            {WEB_BROWSING_TOOLS.includes(tool.name) && <span className="ml-1 text-[11px] text-slate-500">(web)</span>}
            <span className="mt-0.5 line-clamp-3 text-[11px] leading-4 text-slate-500" title={tool.description}>
              {tool.description}
            </span>
          </span>
        </label>
      </li>
    );
  };

  return (
    <fieldset className="space-y-3">
      <legend className="sr-only">Tools</legend>
      {groups.map((group) => (
        <div key={group ?? ""} role="group" aria-label={group ?? "Built-in tools"}>
          {group !== undefined && <p className="mb-1 text-xs font-semibold text-slate-600">{group}</p>}
          <ul className="space-y-1.5">{tools.filter((tool) => tool.group === group).map(item)}</ul>
        </div>
      ))}
      {missing.length > 0 && (
        <ul className="space-y-1.5">
          {missing.map((name) => (
            <li key={name} className="flex items-center justify-between gap-2 rounded-md border border-red-200 bg-red-50 p-2 text-xs text-red-800">
              <span className="min-w-0 break-all">
                <code>{name}</code> is not a known tool{name.startsWith("mcp:") ? " (its MCP server was removed or no longer lists it)" : name.startsWith("http:") ? " (the HTTP tool was removed)" : ""}.
              </span>
              <button type="button" className="shrink-0 font-medium underline" onClick={() => onChange(data.tools.filter((tool) => tool !== name))}>
                Remove {name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
