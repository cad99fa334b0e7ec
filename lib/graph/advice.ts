import { getRoleDefinition, type Role, type WorkKind } from "./roles";
import type { Tier } from "./tiers";

export type { WorkKind } from "./roles";

/** Tools that read the open web: long, noisy pages that small models handle badly. */
export const WEB_BROWSING_TOOLS: readonly string[] = ["fetch_url"];

/**
 * `ok`: the tier suits the work. `hint`: another tier would suit it better (cheaper or
 * more capable). `warning`: the combination is likely to fail and the canvas marks the node.
 */
export type AdviceLevel = "ok" | "hint" | "warning";

/** A tier recommendation for one node, in words the inspector shows as they are. */
export interface TierAdvice {
  kind: WorkKind;
  /** The cheapest tier that does this kind of work well. */
  suggested: Tier;
  level: AdviceLevel;
  /** One or two sentences: why `suggested`, and what is off about the current tier if anything. */
  message: string;
  /** A few words for the node itself on the canvas. */
  summary: string;
}

/** The parts of a node the advice reads. */
export interface AdviceInput {
  role: Role;
  tier: Tier;
  tools: readonly string[];
  label?: string;
  instructions?: string;
}

// Word stems, so "classify", "classification" and "classifies" all match.
const CLASSIFICATION_WORDS =
  /\b(classif\w*|categori[sz]\w*|label(?:s|ling|ing)?|tag(?:s|ging)?|extract\w*|rank\w*|triag\w*|sentiment|detect\w*|score(?:s)?|scoring|dedup\w*|yes\/no|true\/false)\b/i;
const MULTI_STEP_WORDS =
  /\b(analy[sz]\w*|research\w*|reason\w*|investigat\w*|compar\w*|calculat\w*|comput\w*|synthes\w*|debug\w*|implement\w*|refactor\w*|step[- ]by[- ]step|multi-step|write|writes|writing|draft\w*|explain\w*)\b/i;

const TIER_NAMES: Record<Tier, string> = { flagship: "flagship", mini: "mini", nano: "nano" };

/**
 * Suggests a tier for a node: flagship for planning and final review, nano for
 * classification, extraction and ranking, mini (or better) for multi-step reasoning and
 * tool use. A nano node with a web-browsing tool gets a warning.
 */
export function adviseTier(node: AdviceInput): TierAdvice {
  const advice = getRoleDefinition(node.role).tierAdvice;
  if (advice === "none") {
    return { kind: "general", suggested: node.tier, level: "ok", message: "This step calls no model, so its tier costs nothing and changes nothing.", summary: "no model" };
  }
  const browsesWeb = node.tools.some((tool) => WEB_BROWSING_TOOLS.includes(tool));
  if (node.tier === "nano" && browsesWeb) {
    return {
      kind: advice === "by-work" ? "multi-step" : advice.kind,
      suggested: advice === "by-work" ? "mini" : advice.suggested,
      level: "warning",
      message:
        "nano struggles with web browsing: fetched pages are long and noisy, and following them takes several steps. " +
        "Use mini or flagship for nodes with fetch_url.",
      summary: "nano browsing the web: use mini or better",
    };
  }
  if (advice !== "by-work") return byTier(node.tier, advice.kind, advice.suggested, advice);

  const text = `${node.label ?? ""}\n${node.instructions ?? ""}`;
  const multiStep = node.tools.length > 0 || MULTI_STEP_WORDS.test(text);
  if (!multiStep && CLASSIFICATION_WORDS.test(text)) {
    return byTier(node.tier, "classification", "nano", {
      ok: "Classification, extraction and ranking run well on nano, the cheapest tier.",
      hint: "Classification, extraction and ranking run well on nano at a fraction of the cost.",
    });
  }

  const kind: WorkKind = multiStep ? "multi-step" : "general";
  const why = node.tools.length > 0 ? "Tool use and multi-step reasoning" : multiStep ? "Multi-step reasoning" : "Open-ended work";
  if (node.tier === "nano") {
    return {
      kind,
      suggested: "mini",
      level: "hint",
      message: `${why} needs at least mini; nano is best kept for classification, extraction and ranking.`,
      summary: "mini or better suits this work",
    };
  }
  if (node.tier === "flagship") {
    return {
      kind,
      suggested: "mini",
      level: "hint",
      message: `${why} usually runs well on mini for much less; keep flagship only where mini falls short.`,
      summary: "mini would likely do, for less",
    };
  }
  return { kind, suggested: "mini", level: "ok", message: `${why} suits mini.`, summary: "mini suits this work" };
}

function byTier(tier: Tier, kind: WorkKind, suggested: Tier, messages: { ok: string; hint: string }): TierAdvice {
  if (tier === suggested) return { kind, suggested, level: "ok", message: messages.ok, summary: `${TIER_NAMES[suggested]} suits this work` };
  return {
    kind,
    suggested,
    level: "hint",
    message: `${messages.hint} Suggested: ${TIER_NAMES[suggested]}.`,
    summary: `${TIER_NAMES[suggested]} suggested`,
  };
}
