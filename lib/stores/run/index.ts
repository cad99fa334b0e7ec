/** The run view's store: a run's events folded into node states, transcripts and timeline bars. */
export { createRunStore, animationFrameScheduler, type RunStoreApi, type RunStoreInit } from "./store";
export { RunStoreProvider, useRunStore, useRunStoreApi } from "./provider";
export { foldTranscripts, EMPTY_TRANSCRIPTS, PREVIEW_CHARS, type TranscriptState } from "./fold";
export { criticalPath, concurrencyProfile, tickStep, timelineLanes, type ConcurrencyProfile, type TimelineLane, type TimelineRow } from "./timeline";
export { runFigures, runWallMs, type RunFigures } from "./figures";
// The engine's own definitions of a node's times and of a run's saving, so the UI computes them exactly as the run summary does.
export { nodeTimes, savingNanoUsd, type ApprovalSummary, type NodeSummary } from "@/lib/engine/run-summary";
export { instanceKey } from "./types";
export type * from "./types";
