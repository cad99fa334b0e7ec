"use client";

import { useState } from "react";
import type { Tier } from "@/lib/graph";
import { useEditorStore } from "@/lib/stores/editor";
import { Button } from "@/components/ui/button";

/**
 * The tier advisor's proposal, brought to the editor by its "Apply" link. Applying sets every
 * proposed tier as one edit, so one undo restores the design; autosave stores it like any edit.
 */
export function ProposedTiersBanner({ tiers }: { tiers: Readonly<Record<string, Tier>> }) {
  const setTiers = useEditorStore((state) => state.setTiers);
  const labels = useEditorStore((state) => state.nodes.filter((n) => tiers[n.id]).map((n) => `${n.data.label} → ${tiers[n.id]}`).join(", "));
  const [applied, setApplied] = useState(false);
  if (!labels) return null;
  return (
    <div role="region" aria-label="Tier advisor's proposal" className="flex items-center gap-3 border-b border-emerald-200 bg-emerald-50 px-4 py-1.5 text-sm text-emerald-950">
      <p className="flex-1">{applied ? `Applied the advisor's tiers (${labels}). Undo restores the design.` : `The tier advisor proposes: ${labels}.`}</p>
      {!applied && (
        <Button
          size="sm"
          variant="primary"
          onClick={() => {
            setTiers(tiers);
            setApplied(true);
          }}
        >
          Apply tiers
        </Button>
      )}
    </div>
  );
}
