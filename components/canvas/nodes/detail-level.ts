import { createContext, useContext } from "react";

/** Below this zoom, text on a full card is too small to read, so nodes draw a cheap summary instead. */
export const COMPACT_ZOOM = 0.45;
/** Below this zoom even the summary's large label is a smudge of a few pixels: nodes draw a bare coloured box. */
export const BOX_ZOOM = 0.25;

export type DetailLevel = "full" | "compact" | "box";

/** The level for a zoom: a string, so a canvas selecting it re-renders only when it changes, not every zoom step. */
export const detailLevelAt = (zoom: number): DetailLevel => (zoom < BOX_ZOOM ? "box" : zoom < COMPACT_ZOOM ? "compact" : "full");

/**
 * The canvas reads the level once and hands it down, so a pan or a drag frame runs one
 * selector, not one per node (thousands, on a large graph).
 */
export const DetailLevelContext = createContext<DetailLevel>("full");

export const useDetailLevel = () => useContext(DetailLevelContext);

/**
 * True while nodes are drawn the overview's way (see overview-nodes.ts): box-sized, placed
 * without React Flow's transform, no handles, their edges drawn by the canvas in one layer.
 */
export const OverviewContext = createContext(false);

export const useInOverview = () => useContext(OverviewContext);
