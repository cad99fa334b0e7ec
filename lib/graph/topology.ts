import type { EdgeKind } from "./schema";

/** The parts of a graph topology needs; a GraphDocument fits. */
export interface TopologyInput {
  nodes: readonly { id: string }[];
  edges: readonly { source: string; target: string; kind: EdgeKind }[];
}

/**
 * Adjacency of a graph, precomputed once in O(V+E). Every node has an entry in every map
 * (possibly empty). Edges whose endpoints are not nodes are left out; repeated edges count once.
 */
export interface Topology {
  /** Node ids in document order. */
  readonly nodeIds: readonly string[];
  readonly dataPredecessors: ReadonlyMap<string, readonly string[]>;
  readonly dataSuccessors: ReadonlyMap<string, readonly string[]>;
  /** Reviewer id → the nodes its `revise` edges may send work back to. */
  readonly reviseTargets: ReadonlyMap<string, readonly string[]>;
  /** Node id → the reviewers that may send it back. */
  readonly reviseSources: ReadonlyMap<string, readonly string[]>;
}

/** Builds the adjacency maps of a graph. */
export function buildTopology(graph: TopologyInput): Topology {
  const nodeIds: string[] = [];
  const dataPredecessors = new Map<string, string[]>();
  const dataSuccessors = new Map<string, string[]>();
  const reviseTargets = new Map<string, string[]>();
  const reviseSources = new Map<string, string[]>();
  for (const { id } of graph.nodes) {
    if (dataPredecessors.has(id)) continue;
    nodeIds.push(id);
    dataPredecessors.set(id, []);
    dataSuccessors.set(id, []);
    reviseTargets.set(id, []);
    reviseSources.set(id, []);
  }

  const seen = new Set<string>();
  for (const { source, target, kind } of graph.edges) {
    if (!dataPredecessors.has(source) || !dataPredecessors.has(target)) continue;
    const key = `${kind}\u0000${source}\u0000${target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (kind === "data") {
      dataSuccessors.get(source)!.push(target);
      dataPredecessors.get(target)!.push(source);
    } else {
      reviseTargets.get(source)!.push(target);
      reviseSources.get(target)!.push(source);
    }
  }
  return { nodeIds, dataPredecessors, dataSuccessors, reviseTargets, reviseSources };
}

/**
 * Node ids ordered so every node comes after its data predecessors (Kahn's algorithm; ties
 * keep document order). Null when the data edges contain a cycle.
 */
export function topologicalOrder(topology: Topology): string[] | null {
  const remaining = new Map<string, number>();
  const order: string[] = [];
  for (const id of topology.nodeIds) {
    const inDegree = topology.dataPredecessors.get(id)!.length;
    remaining.set(id, inDegree);
    if (inDegree === 0) order.push(id);
  }
  // `order` doubles as the queue: everything before `head` has been expanded.
  for (let head = 0; head < order.length; head++) {
    for (const successor of topology.dataSuccessors.get(order[head])!) {
      const left = remaining.get(successor)! - 1;
      remaining.set(successor, left);
      if (left === 0) order.push(successor);
    }
  }
  return order.length === topology.nodeIds.length ? order : null;
}

/**
 * Nodes from which `id` (or any of several ids) is reachable through data edges. A start
 * node is included only if it lies on a cycle.
 */
export function ancestors(topology: Topology, id: string | readonly string[]): Set<string> {
  return reach(topology.dataPredecessors, typeof id === "string" ? [id] : id);
}

/** Nodes reachable from `id` (or any of several ids) through data edges. */
export function descendants(topology: Topology, id: string | readonly string[]): Set<string> {
  return reach(topology.dataSuccessors, typeof id === "string" ? [id] : id);
}

/** Nodes with no incoming data edge: they receive the run's input. */
export function sources(topology: Topology): string[] {
  return topology.nodeIds.filter((id) => topology.dataPredecessors.get(id)!.length === 0);
}

/** Nodes with no outgoing data edge: their outputs are the run's output. */
export function sinks(topology: Topology): string[] {
  return topology.nodeIds.filter((id) => topology.dataSuccessors.get(id)!.length === 0);
}

/**
 * The cycles among data edges, as strongly connected components (each listed in document
 * order): every node on some cycle appears in exactly one component. A self-loop is a
 * component of one. Iterative Tarjan, so long chains do not overflow the stack.
 */
export function dataCycles(topology: Topology): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of topology.nodeIds) {
    if (index.has(root)) continue;
    const frames: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    lowLink.set(root, counter++);
    stack.push(root);
    onStack.add(root);

    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const successors = topology.dataSuccessors.get(frame.id)!;
      if (frame.next < successors.length) {
        const successor = successors[frame.next++];
        if (!index.has(successor)) {
          index.set(successor, counter);
          lowLink.set(successor, counter++);
          stack.push(successor);
          onStack.add(successor);
          frames.push({ id: successor, next: 0 });
        } else if (onStack.has(successor)) {
          lowLink.set(frame.id, Math.min(lowLink.get(frame.id)!, index.get(successor)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) lowLink.set(parent.id, Math.min(lowLink.get(parent.id)!, lowLink.get(frame.id)!));
      if (lowLink.get(frame.id) !== index.get(frame.id)) continue;

      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      const isCycle = component.length > 1 || successors.includes(frame.id);
      if (isCycle) components.push(component);
    }
  }

  const position = new Map(topology.nodeIds.map((id, i) => [id, i]));
  for (const component of components) component.sort((a, b) => position.get(a)! - position.get(b)!);
  return components.sort((a, b) => position.get(a[0])! - position.get(b[0])!);
}

function reach(adjacency: ReadonlyMap<string, readonly string[]>, starts: readonly string[]): Set<string> {
  const found = new Set<string>();
  const queue: string[] = [];
  for (const start of starts) {
    for (const next of adjacency.get(start) ?? []) {
      if (!found.has(next)) {
        found.add(next);
        queue.push(next);
      }
    }
  }
  for (let head = 0; head < queue.length; head++) {
    for (const next of adjacency.get(queue[head])!) {
      if (!found.has(next)) {
        found.add(next);
        queue.push(next);
      }
    }
  }
  return found;
}
