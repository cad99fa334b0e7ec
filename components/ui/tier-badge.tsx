import type { Tier } from "@/lib/graph";
import { cx } from "./cx";

const TIER_STYLE: Record<Tier, string> = {
  flagship: "bg-flagship text-white border-flagship",
  mini: "bg-mini/10 text-mini border-mini/40",
  nano: "bg-white text-nano border-nano/60 border-dashed",
};

const TIER_TITLE: Record<Tier, string> = { flagship: "Flagship", mini: "Mini", nano: "Nano" };
const TIER_BARS: Record<Tier, number> = { flagship: 3, mini: 2, nano: 1 };

/** The tier's display name. */
export function tierTitle(tier: Tier): string {
  return TIER_TITLE[tier];
}

/**
 * A tier, told apart by more than colour: flagship is solid, mini tinted, nano dashed, and
 * a one-to-three bar meter shows capability.
 */
export function TierBadge({ tier, className }: { tier: Tier; className?: string }) {
  const bars = TIER_BARS[tier];
  return (
    <span
      className={cx(
        "inline-flex items-center gap-1 rounded-full border px-1.5 py-px text-[10px] leading-4 font-semibold tracking-wide uppercase",
        TIER_STYLE[tier],
        className,
      )}
    >
      <span aria-hidden className="flex items-end gap-px">
        {[1, 2, 3].map((bar) => (
          <span
            key={bar}
            className={cx("w-[3px] rounded-[1px] bg-current", bar > bars && "opacity-25")}
            style={{ height: 3 + bar * 2 }}
          />
        ))}
      </span>
      {TIER_TITLE[tier]}
    </span>
  );
}
