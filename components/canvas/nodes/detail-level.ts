import { createContext, useContext } from "react";
import type { ReactFlowState } from "@xyflow/react";

/** Below this zoom, text on a full card is too small to read, so nodes draw a cheap summary instead. */
export const COMPACT_ZOOM = 0.45;
/** Below this zoom even the summary's large label is a smudge of a few pixels: nodes draw a bare coloured box. */
export const BOX_ZOOM = 0.25;

export type DetailLevel = "full" | "compact" | "box";

/** The level for the view's zoom: a string, so subscribers re-render only when it changes, not every zoom step. */
export const detailLevelSelector = (state: ReactFlowState): DetailLevel =>
  state.transform[2] < BOX_ZOOM ? "box" : state.transform[2] < COMPACT_ZOOM ? "compact" : "full";

/**
 * The canvas reads the level once and hands it down, so a pan or a drag frame runs one
 * selector, not one per node (thousands, on a large graph).
 */
export const DetailLevelContext = createContext<DetailLevel>("full");

export const useDetailLevel = () => useContext(DetailLevelContext);
