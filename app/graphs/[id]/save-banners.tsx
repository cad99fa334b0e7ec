"use client";

import { useEditorStoreApi } from "@/lib/stores/editor";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/date-format";
import { downloadJson, exportFileName, serializeGraph } from "@/components/canvas/graph-file";
import type { SaveState } from "./autosaver";
import type { DraftOffer } from "./use-autosave";

/** Someone else saved first: say so, keep the local edits, and offer each way out. */
export function ConflictBanner({
  state,
  graphName,
  onReload,
  onOverwrite,
}: {
  state: Extract<SaveState, { kind: "conflict" }>;
  graphName: string;
  onReload: () => void;
  onOverwrite: () => void;
}) {
  const store = useEditorStoreApi();
  return (
    <div role="alert" className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-red-200 bg-red-50 px-5 py-2.5 text-sm text-red-900">
      <p className="min-w-0 flex-1">
        <strong className="font-semibold">This graph was changed somewhere else</strong> (another tab or another person saved
        {state.currentVersion !== null ? ` version ${state.currentVersion}` : " a newer version"}). Your edits here are kept but not
        saved. Reload to get the latest version, or keep yours.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={() => downloadJson(exportFileName(graphName), serializeGraph(store.getState().toDocument()))}>
          Download my version
        </Button>
        <Button size="sm" onClick={onOverwrite}>
          Keep mine (overwrite theirs)
        </Button>
        <Button size="sm" variant="primary" onClick={onReload}>
          Reload latest (discard mine)
        </Button>
      </div>
    </div>
  );
}

/** Edits found in this browser's storage on load. */
export function DraftBanner({ offer, onRestore, onDismiss }: { offer: DraftOffer; onRestore: () => void; onDismiss: () => void }) {
  const when = formatDateTime(offer.draft.savedAt);
  if (offer.kind === "restored") {
    return (
      <div role="status" className="flex items-center gap-4 border-b border-sky-200 bg-sky-50 px-5 py-2 text-sm text-sky-900">
        <p className="flex-1">Restored unsaved changes from this browser ({when}); they are saved to the server now.</p>
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
    );
  }
  return (
    <div role="alert" className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-amber-200 bg-amber-50 px-5 py-2.5 text-sm text-amber-900">
      <p className="min-w-0 flex-1">
        This browser has unsaved changes from {when}, made to an older version of this graph than the one shown.
      </p>
      <div className="flex gap-2">
        <Button size="sm" onClick={onRestore}>
          Restore my changes (overwrite)
        </Button>
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Discard them
        </Button>
      </div>
    </div>
  );
}
