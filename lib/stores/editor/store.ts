import { applyEdgeChanges, applyNodeChanges } from "@xyflow/react";
import { createStore, type StoreApi } from "zustand/vanilla";
import { ROLE_DEFINITIONS, checkGraphDocument, createNode, type GraphDocument, type Role, type ValidationContext } from "@/lib/graph";
import { connectionProblem } from "./connection";
import { canvasEdge, edgeKindFromHandle, fromGraphDocument, labelsById, toCanvasNode, toGraphDocument } from "./convert";
import { validateForCanvas } from "./issues";
import { layeredLayout } from "./layout";
import {
  copyOf,
  deselectEdges,
  deselectNodes,
  edgeIdFor,
  freeSpot,
  materialize,
  openSpot,
  randomNodeId,
  relabelEdges,
  selectedIds,
  uniqueLabel,
  uniqueNodeId,
  withData,
} from "./nodes";
import type { EditorState, EditorStore, NodeData, Snapshot } from "./types";

/** Undo steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 100;
/** Edits with the same coalesce key closer together than this make one undo step. */
export const COALESCE_MS = 1000;
/** How far each paste lands from the copied nodes. */
export const PASTE_OFFSET = 40;

export interface EditorInit {
  document: GraphDocument;
  context: ValidationContext;
  /** Node id generator (tests pass a deterministic one). */
  newId?: (role: Role) => string;
  now?: () => number;
}

export type EditorStoreApi = StoreApi<EditorStore>;

type DocumentPart = Partial<Pick<EditorState, "nodes" | "edges" | "settings">>;

interface CommitOptions {
  /** Merge with the previous step when it had the same key and was recent. */
  coalesceKey?: string;
  /** The state to return to on undo, when it is not the current one (a finished drag). */
  before?: Snapshot;
  /** Positions alone never change validity; skip the work. */
  validate?: boolean;
}

/**
 * The canvas store: nodes and edges in React Flow's shape, selection, validation issues and
 * undo history. It never talks to the network; autosave subscribes to `revision`.
 */
export function createEditorStore(init: EditorInit): EditorStoreApi {
  const generate = init.newId ?? randomNodeId;
  const now = init.now ?? Date.now;
  let lastStep: { key: string; at: number } | null = null;
  let dragStart: Snapshot | null = null;
  let noticeCounter = 0;
  let pasteCount = 0;

  return createStore<EditorStore>()((set, get) => {
    const snapshot = (): Snapshot => {
      const { nodes, edges, settings } = get();
      return { nodes, edges, settings };
    };

    /** Every document change goes through here: one undo step, fresh validation, a new revision. */
    const commit = (next: DocumentPart, options: CommitOptions = {}) => {
      const state = get();
      const at = now();
      const merge = options.coalesceKey !== undefined && lastStep?.key === options.coalesceKey && at - lastStep.at < COALESCE_MS;
      lastStep = options.coalesceKey === undefined ? null : { key: options.coalesceKey, at };
      const nodes = next.nodes ?? state.nodes;
      const edges = next.edges ?? state.edges;
      const settings = next.settings ?? state.settings;
      set({
        ...next,
        ...(options.validate === false
          ? {}
          : { ...validateForCanvas(toGraphDocument(nodes, edges, settings), state.context, state), contentRevision: state.contentRevision + 1 }),
        past: merge ? state.past : [...state.past, options.before ?? snapshot()].slice(-HISTORY_LIMIT),
        future: [],
        selectedNodeIds: selectedIds(nodes, state.selectedNodeIds),
        revision: state.revision + 1,
        // A notice is about the last thing tried (a refused connection, a copy): the next edit makes it stale.
        notice: null,
      });
    };

    const restore = (target: Snapshot, history: Pick<EditorState, "past" | "future">) => {
      const state = get();
      lastStep = null;
      set({
        ...target,
        ...history,
        ...validateForCanvas(toGraphDocument(target.nodes, target.edges, target.settings), state.context, state),
        selectedNodeIds: selectedIds(target.nodes, state.selectedNodeIds),
        revision: state.revision + 1,
        contentRevision: state.contentRevision + 1,
        notice: null,
      });
    };

    const insert = (content: NonNullable<EditorState["clipboard"]>, offset: number) => {
      if (content.nodes.length === 0) return;
      const state = get();
      const added = materialize(content, state.nodes, state.edges, offset, generate);
      commit({ nodes: [...deselectNodes(state.nodes), ...added.nodes], edges: [...deselectEdges(state.edges), ...added.edges] });
    };

    const initial = fromGraphDocument(init.document);
    return {
      nodes: initial.nodes,
      edges: initial.edges,
      settings: init.document.settings,
      context: init.context,
      ...validateForCanvas(init.document, init.context),
      selectedNodeIds: [],
      past: [],
      future: [],
      clipboard: null,
      revision: 0,
      contentRevision: 0,
      notice: null,
      snapToGrid: true,

      onNodesChange: (changes) => {
        const state = get();
        let selection = false;
        let dragging = false;
        let settled = false;
        let structural = false;
        for (const change of changes) {
          if (change.type === "select") selection = true;
          else if (change.type === "position") {
            if (change.dragging) dragging = true;
            else if (change.position) settled = true;
          } else if (change.type !== "dimensions") structural = true;
        }
        if (dragging && !dragStart) dragStart = snapshot();
        const nodes = applyNodeChanges(changes, state.nodes);
        if (structural) return commit({ nodes });
        if (settled) {
          // The end of a drag is one undo step back to where it started; arrow-key nudges coalesce.
          const before = dragStart ?? undefined;
          dragStart = null;
          return commit({ nodes }, before ? { before, validate: false } : { coalesceKey: "nudge", validate: false });
        }
        set(selection ? { nodes, selectedNodeIds: selectedIds(nodes, state.selectedNodeIds) } : { nodes });
      },

      moveNodes: (moves) => {
        if (moves.length === 0) return;
        const nodes = applyNodeChanges(moves.map(({ id, position }) => ({ id, type: "position" as const, position })), get().nodes);
        commit({ nodes }, { validate: false });
      },

      onEdgesChange: (changes) => {
        const edges = applyEdgeChanges(changes, get().edges);
        if (changes.some((change) => change.type !== "select")) commit({ edges });
        else set({ edges });
      },

      onConnect: (connection) => {
        get().connect(connection.source, connection.target, edgeKindFromHandle(connection.sourceHandle));
      },

      isValidConnection: (connection) =>
        get().connectionProblem(connection.source, connection.target, edgeKindFromHandle(connection.sourceHandle)) === null,

      connectionProblem: (source, target, kind) => {
        const { nodes, edges } = get();
        return connectionProblem(nodes, edges, source, target, kind);
      },

      connect: (source, target, kind) => {
        const state = get();
        const reason = state.connectionProblem(source, target, kind);
        if (reason) {
          state.showNotice("error", reason);
          return { ok: false, reason };
        }
        const id = edgeIdFor(source, target, kind, new Set(state.edges.map((edge) => edge.id)));
        commit({ edges: [...state.edges, canvasEdge({ id, source, target, kind }, labelsById(state.nodes))] });
        return { ok: true, edgeId: id };
      },

      reportRefusedConnection: (source, target, kind) => {
        const state = get();
        state.showNotice("error", state.connectionProblem(source, target, kind) ?? "That connection is not allowed.");
      },

      removeEdge: (id) => {
        const { edges } = get();
        if (edges.some((edge) => edge.id === id)) commit({ edges: edges.filter((edge) => edge.id !== id) });
      },

      addNode: (role, position, options) => {
        const state = get();
        const id = uniqueNodeId(role, new Set(state.nodes.map((node) => node.id)), generate);
        const label = uniqueLabel(ROLE_DEFINITIONS[role].title, new Set(state.nodes.map((node) => node.data.label)));
        const spot = options?.findSpace ? openSpot(position, state.nodes) : freeSpot(position, state.nodes);
        const node = toCanvasNode(createNode(role, { id, label, position: spot }), true);
        commit({ nodes: [...deselectNodes(state.nodes), node], edges: deselectEdges(state.edges) });
        return id;
      },

      updateNode: (id, patch, options) => {
        const state = get();
        const current = state.nodes.find((node) => node.id === id);
        if (!current) return;
        const data = { ...current.data, ...patch } as NodeData;
        if ("model" in patch && patch.model === undefined) delete data.model;
        const nodes = state.nodes.map((node) => (node.id === id ? withData(node, data) : node));
        const edges = patch.label !== undefined && patch.label !== current.data.label ? relabelEdges(state.edges, nodes, id) : state.edges;
        commit({ nodes, edges }, { coalesceKey: options?.coalesceKey });
      },

      setTiers: (tiers) => {
        const state = get();
        const changes = state.nodes.filter((node) => tiers[node.id] && tiers[node.id] !== node.data.tier);
        if (changes.length === 0) return;
        const nodes = state.nodes.map((node) => {
          if (!changes.includes(node)) return node;
          const { model: _override, ...rest } = node.data;
          return withData(node, { ...rest, tier: tiers[node.id] } as NodeData);
        });
        commit({ nodes });
      },

      setNodeOption: (id, key, value) => {
        const state = get();
        const current = state.nodes.find((node) => node.id === id);
        if (!current) return;
        const options: Record<string, unknown> = { ...current.data.options };
        if (value === undefined) delete options[key];
        else options[key] = value;
        const data = { ...current.data, options } as NodeData;
        commit({ nodes: state.nodes.map((node) => (node.id === id ? withData(node, data) : node)) }, { coalesceKey: `option:${id}:${key}` });
      },

      setSettings: (patch) => commit({ settings: { ...get().settings, ...patch } }, { coalesceKey: "settings" }),

      selectNodes: (ids) => {
        const state = get();
        const wanted = new Set(ids);
        const nodes = state.nodes.map((node) => (Boolean(node.selected) === wanted.has(node.id) ? node : { ...node, selected: wanted.has(node.id) }));
        set({ nodes, edges: deselectEdges(state.edges), selectedNodeIds: selectedIds(nodes, state.selectedNodeIds) });
      },

      selectAll: () => get().selectNodes(get().nodes.map((node) => node.id)),

      deleteNodes: (ids) => {
        const state = get();
        const doomed = new Set(ids);
        if (!state.nodes.some((node) => doomed.has(node.id))) return;
        commit({
          nodes: state.nodes.filter((node) => !doomed.has(node.id)),
          edges: state.edges.filter((edge) => !doomed.has(edge.source) && !doomed.has(edge.target)),
        });
      },

      deleteSelection: () => {
        const state = get();
        const doomed = new Set(state.selectedNodeIds);
        const edges = state.edges.filter((edge) => !edge.selected && !doomed.has(edge.source) && !doomed.has(edge.target));
        if (doomed.size === 0 && edges.length === state.edges.length) return;
        commit({ nodes: state.nodes.filter((node) => !doomed.has(node.id)), edges });
      },

      copySelection: () => {
        const state = get();
        if (state.selectedNodeIds.length === 0) return;
        pasteCount = 0;
        const clipboard = copyOf(state.nodes, state.edges, new Set(state.selectedNodeIds));
        set({ clipboard });
        const count = clipboard.nodes.length;
        state.showNotice("info", `Copied ${count} node${count === 1 ? "" : "s"}. Paste with Ctrl+V (⌘V).`);
      },

      paste: () => {
        const { clipboard } = get();
        if (!clipboard) return;
        pasteCount += 1;
        insert(clipboard, PASTE_OFFSET * pasteCount);
      },

      duplicateSelection: () => {
        const state = get();
        if (state.selectedNodeIds.length === 0) return;
        insert(copyOf(state.nodes, state.edges, new Set(state.selectedNodeIds)), PASTE_OFFSET);
      },

      undo: () => {
        const state = get();
        const previous = state.past.at(-1);
        if (!previous) return;
        restore(previous, { past: state.past.slice(0, -1), future: [snapshot(), ...state.future] });
      },

      redo: () => {
        const state = get();
        const next = state.future[0];
        if (!next) return;
        restore(next, { past: [...state.past, snapshot()].slice(-HISTORY_LIMIT), future: state.future.slice(1) });
      },

      autoLayout: () => {
        const { nodes, edges } = get();
        if (nodes.length === 0) return;
        const positions = layeredLayout(nodes, edges);
        commit({ nodes: nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position })) }, { validate: false });
      },

      importDocument: (raw) => {
        const state = get();
        const result = checkGraphDocument(raw, state.context);
        if (!result.ok) return { ok: false, errors: result.errors, warnings: result.warnings };
        const { nodes, edges } = fromGraphDocument(result.graph);
        commit({ nodes, edges, settings: result.graph.settings });
        return { ok: true, problems: result.problems, warnings: result.warnings };
      },

      resetDocument: (document) => {
        const state = get();
        const { nodes, edges } = fromGraphDocument(document);
        lastStep = null;
        dragStart = null;
        set({
          nodes,
          edges,
          settings: document.settings,
          ...validateForCanvas(document, state.context, state),
          selectedNodeIds: [],
          past: [],
          future: [],
          contentRevision: state.contentRevision + 1,
        });
      },

      toDocument: () => {
        const { nodes, edges, settings } = get();
        return toGraphDocument(nodes, edges, settings);
      },

      showNotice: (tone, message) => set({ notice: { id: ++noticeCounter, tone, message } }),
      dismissNotice: () => set({ notice: null }),
      setSnapToGrid: (on) => set({ snapToGrid: on }),
    };
  });
}
