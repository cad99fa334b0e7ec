"use client";

import { useCallback, useState } from "react";
import { useGraphDocument } from "@/lib/stores/editor";
import { useEditorSession } from "@/components/canvas/editor-session";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { RunHistory } from "./run-history";
import { RunLauncher } from "./run-launcher";

/**
 * The editor toolbar's run controls: past runs of this graph, and Run. Runs execute the
 * stored graph, so Run saves every pending edit first and refuses while it cannot.
 */
export function EditorRunControls({ simulated }: { simulated: boolean }) {
  const { graphId, saveNow } = useEditorSession();
  const graph = useGraphDocument();
  const [historyOpen, setHistoryOpen] = useState(false);

  const beforeStart = useCallback(
    async () => ((await saveNow()) ? null : "The graph could not be saved. Fix the problems listed beside the canvas (or resolve the save conflict), then run again."),
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
      <RunLauncher graphId={graphId} graph={graph} simulated={simulated} beforeStart={beforeStart} />
    </>
  );
}
