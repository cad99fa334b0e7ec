"use client";

import { NodeToolbar, useStore, type ReactFlowState } from "@xyflow/react";
import { memo, useMemo, type ReactNode } from "react";
import { ROLE_DEFINITIONS } from "@/lib/graph";
import { adviseTier } from "@/lib/graph/advice";
import { useEditorStore, type NodeData } from "@/lib/stores/editor";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { TierBadge } from "@/components/ui/tier-badge";
import { useEditorReadOnly } from "../editor-mode";
import { nodeModel, useEditorResources } from "../editor-resources";
import { nodeBoxes } from "../node-boxes";
import { NO_FLOW_DRAG } from "../overview-drag";
import { RoleIcon } from "../role-icon";
import { ROLE_STYLE } from "../role-style";
import { useDetailLevel, useInOverview } from "./detail-level";
import { TOOLBAR, toolbarSide } from "./toolbar-side";

const zoomSelector = (state: ReactFlowState) => state.transform[2];

const TIER_BAR = { flagship: "bg-flagship", mini: "bg-mini", nano: "bg-nano" } as const;

type CardProps = { id: string; data: NodeData; selected: boolean; stats: ReactNode; children: ReactNode };

/**
 * The body every role's node shares: role, label, tier and model, tools, the role's own
 * figures (`stats`) and the node's problems. Handles come from the role's component.
 * Zoomed far out, a large graph would paint thousands of unreadable glyphs every frame, so
 * each node shows only its label, role and tier colours, and further out a bare box.
 */
export function NodeCard(props: CardProps) {
  const level = useDetailLevel();
  const inOverview = useInOverview();
  if (level === "box") return <BoxCard {...props} />;
  if (level === "compact") return <CompactCard {...props} inOverview={inOverview}>{inOverview ? null : props.children}</CompactCard>;
  return <FullCard {...props} />;
}

function useHasError(id: string): boolean {
  return useEditorStore((state) => state.nodeIssues[id]?.some((issue) => issue.severity === "error") ?? false);
}

/** Exactly `BOX_SIZE`, like the box: a large graph draws these the overview's way too (flow-canvas.tsx). */
function CompactCard({ id, data, selected, children, inOverview }: CardProps & { inOverview: boolean }) {
  const hasError = useHasError(id);
  return (
    <div
      className={cx(
        // The overview drags its cards itself (overview-drag.ts).
        inOverview && NO_FLOW_DRAG,
        "h-[84px] w-[224px] rounded-lg border-4 bg-white px-3 py-3",
        hasError ? "border-red-500" : ROLE_STYLE[data.role].border,
        selected && "outline-8 outline-slate-900/60",
      )}
    >
      <div aria-hidden className={cx("mb-2 h-3 w-2/3 rounded-full", TIER_BAR[data.tier])} />
      <div className="truncate text-2xl leading-8 font-bold text-slate-900">{data.label}</div>
      {children}
    </div>
  );
}

/**
 * No visible text: at this zoom a label would be a few pixels high. No handles either (nothing
 * can be connected at this zoom, and each handle is a store subscription run every frame): the
 * canvas draws the overview's edges itself and has handles measured when the cards come back.
 * Its size is `BOX_SIZE` (overview-nodes.ts), which React Flow is given instead of measuring it.
 */
function BoxCard({ id, data, selected }: CardProps) {
  const hasError = useHasError(id);
  return (
    <div
      className={cx(
        NO_FLOW_DRAG,
        "h-[84px] w-[224px] rounded-lg border-4 bg-white p-3",
        hasError ? "border-red-500" : ROLE_STYLE[data.role].border,
        selected && "outline-8 outline-slate-900/60",
      )}
    >
      {/* No hidden label text: the node's group already carries "Role: label", and a clipped span per box is one more paint layer to sort each frame. */}
      <div aria-hidden className={cx("h-3 w-2/3 rounded-full", TIER_BAR[data.tier])} />
    </div>
  );
}

function FullCard({
  id,
  data,
  selected,
  stats,
  children,
}: CardProps) {
  const { catalog } = useEditorResources();
  const style = ROLE_STYLE[data.role];
  const model = nodeModel(catalog, data.tier, data.model);
  const advice = useMemo(() => adviseTier(data), [data]);
  const hasError = useHasError(id);
  const readOnly = useEditorReadOnly();

  return (
    <div
      className={cx(
        "w-[224px] rounded-lg border bg-white text-left shadow-sm transition-shadow",
        hasError ? "border-red-400" : "border-slate-200",
        selected && cx("shadow-md ring-2", hasError ? "ring-red-300" : style.ring),
      )}
    >
      <div aria-hidden className={cx("h-1 rounded-t-lg", style.stripe)} />
      <div className="flex items-center gap-2.5 px-3 pt-2">
        <span className={cx("grid size-7 shrink-0 place-items-center rounded-md", style.tint, style.text)}>
          <RoleIcon role={data.role} className="size-4" />
        </span>
        <div className="min-w-0">
          <div className={cx("text-[10px] leading-3 font-semibold tracking-wider uppercase", style.text)}>
            {ROLE_DEFINITIONS[data.role].title}
          </div>
          <div className="truncate text-sm leading-5 font-semibold text-slate-900">{data.label}</div>
        </div>
      </div>
      {ROLE_DEFINITIONS[data.role].usesModel && (
        <div className="flex items-center gap-2 px-3 pt-1.5">
          <TierBadge tier={data.tier} />
          <span className={cx("truncate font-mono text-[11px]", model.info?.pricing ? "text-slate-500" : "text-amber-700")}>
            {model.info?.label ?? model.id}
            {!model.info?.pricing && " · unpriced"}
          </span>
        </div>
      )}
      {data.tools.length > 0 && (
        <ul aria-label="Tools" className="flex flex-wrap gap-1 px-3 pt-1.5">
          {data.tools.map((tool) => (
            <li key={tool} className="rounded border border-slate-200 bg-slate-50 px-1.5 font-mono text-[10px] leading-4 text-slate-600">
              {tool}
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-x-3 px-3 pt-1.5 pb-2 text-[11px] text-slate-500">{stats}</div>
      {advice.level === "warning" && (
        <p title={advice.message} className="border-t border-amber-200 bg-amber-50 px-3 py-1 text-[11px] leading-4 text-amber-800">
          ⚠ {advice.summary}
        </p>
      )}
      <NodeIssues id={id} />
      {selected && !readOnly && <NodeActions id={id} />}
      {children}
    </div>
  );
}

/** The node's validation problems, on the node itself. */
const NodeIssues = memo(function NodeIssues({ id }: { id: string }) {
  const issues = useEditorStore((state) => state.nodeIssues[id]);
  if (!issues || issues.length === 0) return null;
  const shown = issues.slice(0, 2);
  return (
    <ul
      aria-label="Problems"
      className="space-y-1 rounded-b-lg border-t border-red-200 bg-red-50 px-3 py-1.5 text-[11px] leading-4"
      title={issues.map((issue) => issue.message).join("\n")}
    >
      {shown.map((issue, index) => (
        <li key={index} className={cx("line-clamp-3", issue.severity === "error" ? "text-red-700" : "text-amber-800")}>
          {issue.severity === "error" ? "✕ " : "⚠ "}
          {issue.message}
        </li>
      ))}
      {issues.length > shown.length && <li className="text-red-700">+{issues.length - shown.length} more</li>}
    </ul>
  );
});

/**
 * Quick actions beside a lone selected node, on a side where they cover no neighbour (above
 * when there is room); they act on the selection through the store.
 */
function NodeActions({ id }: { id: string }) {
  const single = useEditorStore((state) => state.selectedNodeIds.length === 1);
  const duplicate = useEditorStore((state) => state.duplicateSelection);
  const remove = useEditorStore((state) => state.deleteSelection);
  const zoom = useStore(zoomSelector);
  const side = useEditorStore((state) => toolbarSide(nodeBoxes(state.nodes), id, zoom));
  return (
    <NodeToolbar isVisible={single} position={side} offset={TOOLBAR.offset}>
      <div role="toolbar" aria-label="Node actions" className="flex gap-1 rounded-md border border-slate-200 bg-white p-0.5 shadow-sm">
        <Button size="sm" variant="ghost" onClick={duplicate} title="Duplicate (Ctrl/⌘+D)">
          Duplicate
        </Button>
        <Button size="sm" variant="ghost" onClick={remove} className="text-red-700" title="Delete (Delete key)">
          Delete
        </Button>
      </div>
    </NodeToolbar>
  );
}
