"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { createRunStore, type RunStoreApi, type RunStoreInit } from "./store";
import type { RunViewStore } from "./types";

const RunStoreContext = createContext<RunStoreApi | null>(null);

/** One store per mounted run view. */
export function RunStoreProvider({ init, children }: { init: RunStoreInit; children: ReactNode }) {
  const [store] = useState(() => createRunStore(init));
  return <RunStoreContext value={store}>{children}</RunStoreContext>;
}

/** The run store's API, for feeding events and reading state without subscribing. */
export function useRunStoreApi(): RunStoreApi {
  const store = useContext(RunStoreContext);
  if (!store) throw new Error("useRunStore must be used inside <RunStoreProvider>.");
  return store;
}

/** Subscribes to a slice of the run store. Select narrowly (one node, one instance); wrap object selectors in `useShallow`. */
export function useRunStore<T>(selector: (state: RunViewStore) => T): T {
  return useStore(useRunStoreApi(), selector);
}
