"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { Tier } from "@/lib/graph";
import type { ModelCatalog, ModelInfo } from "@/lib/models/catalog";

/** A tool as the inspector lists it (the API's tool summary without its argument schema). */
export interface ToolInfo {
  /** What a node stores: a built-in's name, an HTTP tool's `http:<id>` or an MCP tool's stable id. */
  name: string;
  title: string;
  description: string;
  /** The MCP server it comes from (or "HTTP tools"), and the tool's own name there (an HTTP tool's request); absent for built-ins. */
  group?: string;
  toolName?: string;
}

/** Reference data the editor shows but never edits: the model catalog and the tool registry. */
export interface EditorResources {
  catalog: ModelCatalog;
  tools: readonly ToolInfo[];
}

const EditorResourcesContext = createContext<EditorResources | null>(null);

export function EditorResourcesProvider({ value, children }: { value: EditorResources; children: ReactNode }) {
  return <EditorResourcesContext value={value}>{children}</EditorResourcesContext>;
}

export function useEditorResources(): EditorResources {
  const resources = useContext(EditorResourcesContext);
  if (!resources) throw new Error("useEditorResources must be used inside <EditorResourcesProvider>.");
  return resources;
}

/** The model a node runs on (its override, else its tier's default) and what the catalog knows of it. */
export function nodeModel(catalog: ModelCatalog, tier: Tier, override?: string): { id: string; info?: ModelInfo } {
  const id = override?.trim() || catalog.tiers[tier];
  return { id, info: Object.hasOwn(catalog.models, id) ? catalog.models[id] : undefined };
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 3 });

/** "$0.75 in · $4.50 out per 1M tokens", or "unpriced". */
export function priceLine(info: ModelInfo | undefined): string {
  if (!info?.pricing) return "unpriced";
  return `${usd.format(info.pricing.inputPerMillion)} in · ${usd.format(info.pricing.outputPerMillion)} out per 1M tokens`;
}
