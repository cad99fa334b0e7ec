"use client";

import Link from "next/link";
import { TIERS, type Tier } from "@/lib/graph";
import { adviseTier } from "@/lib/graph/advice";
import type { NodeData } from "@/lib/stores/editor";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { TierBadge, tierTitle } from "@/components/ui/tier-badge";
import { nodeModel, priceLine, useEditorResources } from "@/components/canvas/editor-resources";
import { useEditorSession } from "@/components/canvas/editor-session";

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2 });

/** The tier as three radio cards with each tier's model and price, and the tier hint under them. */
export function TierField({ id, data, onChange }: { id: string; data: NodeData; onChange: (tier: Tier) => void }) {
  const { catalog } = useEditorResources();
  const advice = adviseTier(data);
  const current = nodeModel(catalog, data.tier, data.model);
  const { graphId } = useEditorSession();

  return (
    <fieldset>
      <legend className="text-xs font-medium text-slate-700">Tier</legend>
      <div className="mt-1 grid grid-cols-3 gap-1.5">
        {TIERS.map((tier) => {
          const model = catalog.models[catalog.tiers[tier]];
          const pricing = model?.pricing;
          return (
            <label
              key={tier}
              className={cx(
                "relative flex cursor-pointer flex-col gap-1 rounded-md border p-2 text-left transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-sky-600",
                data.tier === tier ? "border-slate-900 bg-slate-50" : "border-slate-200 hover:border-slate-300",
              )}
            >
              <input
                type="radio"
                name={`${id}-tier`}
                value={tier}
                checked={data.tier === tier}
                onChange={() => onChange(tier)}
                // Covers the whole card, invisibly: the card is the radio button.
                className="absolute inset-0 size-full cursor-pointer appearance-none rounded-md opacity-0"
              />
              <TierBadge tier={tier} className="self-start" />
              <span className="truncate text-[11px] text-slate-600">{model?.label ?? catalog.tiers[tier]}</span>
              <span className="text-[11px] leading-4 text-slate-500">
                {pricing ? (
                  <>
                    {usd.format(pricing.inputPerMillion)} in
                    <br />
                    {usd.format(pricing.outputPerMillion)} out
                  </>
                ) : (
                  "unpriced"
                )}
              </span>
            </label>
          );
        })}
      </div>
      <p className="mt-1.5 text-[11px] text-slate-500">
        {current.info?.label ?? current.id}: {priceLine(current.info)}.
      </p>
      <div
        className={cx(
          "mt-2 flex items-start gap-2 rounded-md border px-2.5 py-2 text-xs leading-4",
          advice.level === "warning"
            ? "border-amber-300 bg-amber-50 text-amber-900"
            : advice.level === "hint"
              ? "border-sky-200 bg-sky-50 text-sky-900"
              : "border-emerald-200 bg-emerald-50 text-emerald-900",
        )}
      >
        <p className="flex-1">
          <span className="font-semibold">{advice.level === "warning" ? "Warning: " : advice.level === "hint" ? "Tier hint: " : "Good fit: "}</span>
          {advice.message}
        </p>
        <Link href={`/experiments?graphId=${graphId}`} className="shrink-0 self-center text-[11px] font-medium underline">
          Prove it with an experiment
        </Link>
        {advice.suggested !== data.tier && (
          <Button size="sm" variant="secondary" className="h-6 px-2 text-xs" onClick={() => onChange(advice.suggested)}>
            Use {tierTitle(advice.suggested).toLowerCase()}
          </Button>
        )}
      </div>
    </fieldset>
  );
}
