import { createStore, type StoreApi } from "zustand/vanilla";
import { isFinalEvent, type RunEvent } from "@/lib/engine/events";
import { createRunSummary, foldRunEvents } from "@/lib/engine/run-summary";
import type { GraphDocument } from "@/lib/graph";
import { DEFAULT_CATALOG, type ModelCatalog } from "@/lib/models/catalog";
import { EMPTY_TRANSCRIPTS, foldTranscripts } from "./fold";
import type { FrameScheduler, RunViewStore } from "./types";

export interface RunStoreInit {
  /** The run's graph snapshot: every node starts `waiting`. */
  graph: GraphDocument;
  catalog?: ModelCatalog;
  /** When queued events are applied; default: the next animation frame. */
  schedule?: FrameScheduler;
}

export type RunStoreApi = StoreApi<RunViewStore>;

// A hidden tab gets no animation frames; a slow timer keeps the state current for when it returns.
const HIDDEN_TAB_MS = 250;

/** Applies queued events once per animation frame (or on a timer where there are no frames). */
export const animationFrameScheduler: FrameScheduler = (callback) => {
  const hidden = typeof document !== "undefined" && document.visibilityState === "hidden";
  if (typeof requestAnimationFrame === "function" && !hidden) {
    const id = requestAnimationFrame(callback);
    return () => cancelAnimationFrame(id);
  }
  const timer = setTimeout(callback, hidden ? HIDDEN_TAB_MS : 16);
  return () => clearTimeout(timer);
};

/**
 * The run view store: folds a run's events into per-node state (the engine's own
 * `foldRunEvents`), per-instance transcripts and timeline bars. Events are queued and applied
 * in one batch per frame, so fifty parallel streams cost one render a frame; replays and
 * reconnects may repeat events, and anything at or below `lastSeq` is dropped.
 */
export function createRunStore(init: RunStoreInit): RunStoreApi {
  const schedule = init.schedule ?? animationFrameScheduler;
  let queue: RunEvent[] = [];
  let cancelPending: (() => void) | null = null;

  return createStore<RunViewStore>()((set, get) => ({
    summary: createRunSummary(init.graph, init.catalog ?? DEFAULT_CATALOG),
    ...EMPTY_TRANSCRIPTS,
    lastSeq: 0,
    eventCount: 0,
    connection: "connecting",

    receive(event) {
      if (event.seq > get().lastSeq) {
        queue.push(event);
        cancelPending ??= schedule(() => {
          cancelPending = null;
          get().flush();
        });
      }
      return isFinalEvent(event);
    },

    flush() {
      cancelPending?.();
      cancelPending = null;
      if (queue.length === 0) return;
      const state = get();
      const batch: RunEvent[] = [];
      let seq = state.lastSeq;
      for (const event of queue.sort((a, b) => a.seq - b.seq)) {
        if (event.seq <= seq) continue;
        batch.push(event);
        seq = event.seq;
      }
      queue = [];
      if (batch.length === 0) return;
      set({
        summary: foldRunEvents(state.summary, batch),
        ...foldTranscripts(state, batch),
        lastSeq: seq,
        eventCount: state.eventCount + batch.length,
      });
    },

    setConnection(connection) {
      if (get().connection !== connection) set({ connection });
    },
  }));
}
