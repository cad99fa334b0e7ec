import { TEMPLATES, createNode, emptyGraph, type GraphDocument } from "@/lib/graph";

/** A way to start a new graph: blank, or one of the built-in templates. */
export interface Starter {
  id: string;
  name: string;
  description: string;
  nodeCount: number;
  build: () => GraphDocument;
}

/**
 * The smallest graph the API stores (it refuses graphs without nodes): one executor, ready
 * to be renamed, rewired or deleted once other nodes are on the canvas.
 */
function blankGraph(): GraphDocument {
  return { ...emptyGraph(), nodes: [createNode("executor", { id: "executor-1", position: { x: 0, y: 0 } })] };
}

export const STARTERS: readonly Starter[] = [
  {
    id: "blank",
    name: "Blank",
    description: "A single executor to build on.",
    nodeCount: 1,
    build: blankGraph,
  },
  ...TEMPLATES.map((template) => ({
    id: template.id,
    name: template.name,
    description: template.description,
    nodeCount: template.graph.nodes.length,
    build: () => structuredClone(template.graph),
  })),
];
