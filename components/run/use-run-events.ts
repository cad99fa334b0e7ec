"use client";

import { useEffect } from "react";
import type { RunEvent } from "@/lib/engine/events";
import type { RunStoreApi } from "@/lib/stores/run";
import { privateRunUrl, runApi } from "./run-api";

const TERMINAL = new Set(["succeeded", "failed", "cancelled", "budget_exceeded", "interrupted"]);

/**
 * Follows a run's event stream into the run store. The first request replays everything after
 * what the store holds; when the connection drops, EventSource reconnects by itself (after the
 * server's `retry:`) sending `Last-Event-ID`, and the store drops anything it already has.
 * The stream is closed after the final event, or when the server answers that nothing more is coming.
 * `runUrl` is where the run is read (see `privateRunUrl`); a share page passes its public one.
 */
export function useRunEvents(runId: string, store: RunStoreApi, runUrl = privateRunUrl(runId)): void {
  useEffect(() => {
    const state = store.getState();
    if (state.endedAt !== null) return;
    const after = state.lastSeq;
    const source = new EventSource(`${runUrl}/events${after > 0 ? `?after=${after}` : ""}`);
    let closed = false;
    const close = (connection: "closed" | "error") => {
      closed = true;
      source.close();
      store.getState().flush();
      store.getState().setConnection(connection);
    };

    source.onopen = () => store.getState().setConnection("live");
    source.onmessage = (message: MessageEvent<string>) => {
      let event: RunEvent;
      try {
        event = JSON.parse(message.data) as RunEvent;
      } catch {
        return;
      }
      if (store.getState().receive(event)) close("closed");
    };
    // EventSource gives up by itself on a refusal, or on the 204 the server answers when an
    // ended run has nothing after our position (it ended without a final event: the server stopped mid-run).
    source.onerror = async () => {
      if (closed) return;
      if (source.readyState !== EventSource.CLOSED) return store.getState().setConnection("reconnecting");
      const status = await runApi.statusAt(runUrl);
      if (!closed) close(status.ok && TERMINAL.has(status.value.status) ? "closed" : "error");
    };
    return () => {
      closed = true;
      source.close();
    };
  }, [runUrl, store]);
}
