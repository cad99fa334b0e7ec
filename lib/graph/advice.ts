import type { Role } from "./roles";
import type { Tier } from "./tiers";

/** Tools that read the open web: long, noisy pages that small models handle badly. */
export const WEB_BROWSING_TOOLS: readonly string[] = ["fetch_url"];

/** What a node's work looks like, judged from its role, its tools and the words of its label and instructions. */
export type WorkKind = "planning" | "review" | "classification" | "multi-step" | "general";

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
  const browsesWeb = node.tools.some((tool) => WEB_BROWSING_TOOLS.includes(tool));
  if (node.tier === "nano" && browsesWeb) {
    return {
      kind: node.role === "planner" ? "planning" : node.role === "reviewer" ? "review" : "multi-step",
      suggested: node.role === "executor" ? "mini" : "flagship",
      level: "warning",
      message:
        "nano struggles with web browsing: fetched pages are long and noisy, and following them takes several steps. " +
        "Use mini or flagship for nodes with fetch_url.",
      summary: "nano browsing the web: use mini or better",
    };
  }

  if (node.role === "planner") {
    return byTier(node.tier, "planning", "flagship", {
      ok: "Planning decides how the whole run splits up, so it belongs on flagship.",
      hint: "Planning decides how the whole run splits up; a weaker plan costs more downstream than flagship saves here.",
    });
  }
  if (node.role === "reviewer") {
    return byTier(node.tier, "review", "flagship", {
      ok: "The final review decides what the run returns, so it belongs on flagship.",
      hint: "The final review decides what the run returns; flagship catches mistakes that cheaper tiers let through.",
    });
  }

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
