import type { Edge, Node, OnConnect, OnEdgesChange, OnNodesChange, XYPosition } from "@xyflow/react";
import type {
  EdgeKind,
  GraphDocument,
  GraphIssue,
  GraphNode,
  GraphSettings,
  NodeOfRole,
  Role,
  Tier,
  ValidationContext,
} from "@/lib/graph";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A node's settings as the canvas keeps them: the graph node minus `id` and `position`, which React Flow owns. */
export type NodeData = DistributiveOmit<GraphNode, "id" | "position">;

/** The data of one role's node, e.g. `NodeDataOf<"executor">["options"]["concurrency"]`. */
export type NodeDataOf<R extends Role> = Omit<NodeOfRole<R>, "id" | "position">;

/** A React Flow node whose `type` is its role, so `nodeTypes` picks one component per role. */
export type CanvasNode = Node<NodeData, Role>;

/** A canvas node of one role, for that role's node component. */
export type CanvasNodeOf<R extends Role> = Node<NodeDataOf<R>, R>;

/** A React Flow edge whose `type` is its kind, so `edgeTypes` draws data and revise edges differently. */
export type CanvasEdge = Edge<Record<string, never>, EdgeKind>;

/** What undo and redo restore. Node and edge objects are immutable, so a snapshot shares them. */
export interface Snapshot {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  settings: GraphSettings;
}

/** Nodes and the edges between them, as copied with Ctrl/Cmd+C. */
export interface ClipboardContent {
  nodes: { id: string; position: XYPosition; data: NodeData }[];
  edges: { source: string; target: string; kind: EdgeKind }[];
}

/** A short message for the canvas (e.g. why a connection was refused). `id` changes with every notice. */
export interface Notice {
  id: number;
  tone: "error" | "info";
  message: string;
}

/** A node's editable fields; `model: undefined` returns the node to its tier's default model. */
export type NodePatch = Partial<Pick<GraphNode, "label" | "tier" | "model" | "tools" | "instructions">>;

export type ConnectResult = { ok: true; edgeId: string } | { ok: false; reason: string };

/** A well-formed document is imported with its problems (the canvas lists them, as the API saves them); a malformed one is not. */
export type ImportResult = { ok: true; problems: GraphIssue[]; warnings: GraphIssue[] } | { ok: false; errors: GraphIssue[]; warnings: GraphIssue[] };

/** A validation issue as the canvas shows it: errors block running (structural ones saving too), warnings do not. */
export type CanvasIssue = GraphIssue & { severity: "error" | "warning" };

/** Validation issues grouped by the node or edge they concern; arrays keep their identity while unchanged. */
export type IssueIndex = Readonly<Record<string, readonly CanvasIssue[]>>;

export interface EditorState {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  settings: GraphSettings;
  /** Tools and priced models the document is validated against (the same ones the API uses). */
  context: ValidationContext;
  /** Validation of the current document; recomputed when its content changes, never on drag frames. */
  errors: GraphIssue[];
  warnings: GraphIssue[];
  nodeIssues: IssueIndex;
  edgeIssues: IssueIndex;
  /** Ids of selected nodes, in document order; the same array while the selection is unchanged. */
  selectedNodeIds: readonly string[];
  past: Snapshot[];
  future: Snapshot[];
  clipboard: ClipboardContent | null;
  /** Bumped on every change to the document (content or positions); autosave watches it. */
  revision: number;
  /**
   * Bumped when anything but positions changes (nodes, labels, edges, settings). Components
   * that list nodes read them on demand when it changes, instead of on every drag frame.
   */
  contentRevision: number;
  notice: Notice | null;
  snapToGrid: boolean;
}

export interface EditorActions {
  /** React Flow's change handler: selection, measuring, dragging (one undo step per drag). */
  onNodesChange: OnNodesChange<CanvasNode>;
  onEdgesChange: OnEdgesChange<CanvasEdge>;
  /** Puts nodes where a drag outside React Flow's own (the overview's, see overview-drag.ts) left them: one undo step. */
  moveNodes: (moves: readonly { id: string; position: XYPosition }[]) => void;
  /** React Flow's connect handler: the handle a connection starts from decides its kind. */
  onConnect: OnConnect;
  /** For React Flow's `isValidConnection`: true when `connectionProblem` finds nothing. */
  isValidConnection: (connection: { source: string; target: string; sourceHandle?: string | null }) => boolean;
  /** Why an edge may not be added, or null when it may. */
  connectionProblem: (source: string, target: string, kind: EdgeKind) => string | null;
  /** Adds an edge, or refuses it with a reason (also shown as a notice). */
  connect: (source: string, target: string, kind: EdgeKind) => ConnectResult;
  /** Shows why a connection dropped on a node was refused. */
  reportRefusedConnection: (source: string, target: string, kind: EdgeKind) => void;
  removeEdge: (id: string) => void;
  /**
   * Adds a node of `role` at `position` (or, with `findSpace`, the nearest spot where it
   * covers no other node), selects it and returns its id.
   */
  addNode: (role: Role, position: XYPosition, options?: { findSpace?: boolean }) => string;
  /** Edits a node. Edits with the same `coalesceKey` in quick succession (typing) make one undo step. */
  updateNode: (id: string, patch: NodePatch, options?: { coalesceKey?: string }) => void;
  /**
   * Sets several nodes' tiers as one undo step (the tier advisor's proposal); a node whose tier
   * changes drops its model override, so it runs on the tier's model as the experiment did.
   */
  setTiers: (tiers: Readonly<Record<string, Tier>>) => void;
  /** Sets one role option; `undefined` clears an optional one. */
  setNodeOption: (id: string, key: string, value: unknown) => void;
  setSettings: (patch: Partial<GraphSettings>) => void;
  selectNodes: (ids: readonly string[]) => void;
  selectAll: () => void;
  deleteNodes: (ids: readonly string[]) => void;
  /** Deletes the selected nodes (with their edges) and the selected edges. */
  deleteSelection: () => void;
  copySelection: () => void;
  paste: () => void;
  duplicateSelection: () => void;
  undo: () => void;
  redo: () => void;
  /** Lays data edges out left to right. */
  autoLayout: () => void;
  /** Checks a document as the API would and, when it is well-formed, replaces the canvas with it as one undo step. */
  importDocument: (raw: unknown) => ImportResult;
  /** Replaces the canvas without an undo step, e.g. with the server's latest version. */
  resetDocument: (document: GraphDocument) => void;
  /** The canvas as a graph document, ready to save or export. */
  toDocument: () => GraphDocument;
  showNotice: (tone: Notice["tone"], message: string) => void;
  dismissNotice: () => void;
  setSnapToGrid: (on: boolean) => void;
}

export type EditorStore = EditorState & EditorActions;
