"use client";

import { useCallback, useMemo, useState } from "react";
import { useEditorStore, useGraphDocument } from "@/lib/stores/editor";
import { useEditorSession } from "@/components/canvas/editor-session";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { RunHistory } from "./run-history";
import { RunLauncher } from "./run-launcher";

/**
 * The editor toolbar's run controls: past runs of this graph, and Run. Runs execute the
 * stored graph, so Run saves every pending edit first and refuses while it cannot; a graph
 * saved with problems gets them listed instead of a Start run that would be refused.
 */
export function EditorRunControls({ simulated }: { simulated: boolean }) {
  const { graphId, saveNow } = useEditorSession();
  const graph = useGraphDocument();
  const errors = useEditorStore((state) => state.errors);
  const problems = useMemo(() => errors.map((issue) => issue.message), [errors]);
  const [historyOpen, setHistoryOpen] = useState(false);

  const beforeStart = useCallback(
    async () =>
      (await saveNow()) ? null : "Your latest edits could not be saved, so the run would not include them. The save status at the top says why; fix that, then run again.",
    [saveNow],
  );

  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setHistoryOpen(true)} aria-haspopup="dialog">
        Runs
      </Button>
      <Dialog open={historyOpen} onClose={() => setHistoryOpen(false)} title="Runs of this graph" className="max-w-xl">
        <RunHistory graphId={graphId} className="border-0 shadow-none" />
      </Dialog>
      <RunLauncher graphId={graphId} graph={graph} simulated={simulated} beforeStart={beforeStart} problems={problems} />
    </>
  );
}
