"use client";

import { useId, useState } from "react";
import { useEditorStoreApi } from "@/lib/stores/editor";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { downloadJson, exportFileName, serializeGraph } from "./graph-file";

/** Shows the graph document as JSON, to download as a file or copy to the clipboard. */
export function ExportDialog({ open, onClose, graphName }: { open: boolean; onClose: () => void; graphName: string }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Export graph"
      description="The graph document in the same format the API stores and imports accept."
      className="max-w-2xl"
    >
      <ExportPanel graphName={graphName} onDone={onClose} />
    </Dialog>
  );
}

function ExportPanel({ graphName, onDone }: { graphName: string; onDone: () => void }) {
  const store = useEditorStoreApi();
  // Taken once when the dialog opens: the canvas behind it cannot change meanwhile.
  const [text] = useState(() => serializeGraph(store.getState().toDocument()));
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const textId = useId();
  const fileName = exportFileName(graphName);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  };

  return (
    <div className="space-y-4">
      <div>
        <label htmlFor={textId} className="block text-sm font-medium text-slate-800">
          Graph JSON
        </label>
        <textarea
          id={textId}
          readOnly
          value={text}
          rows={14}
          spellCheck={false}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-slate-50 p-2 font-mono text-xs"
        />
      </div>
      <div className="flex flex-wrap items-center justify-end gap-2">
        <p role="status" className="mr-auto text-sm text-slate-600">
          {copied === "copied" ? "Copied to the clipboard." : copied === "failed" ? "The clipboard is not available; select the text and copy it." : ""}
        </p>
        <Button variant="ghost" onClick={onDone}>
          Close
        </Button>
        <Button onClick={copy}>Copy to clipboard</Button>
        <Button variant="primary" onClick={() => downloadJson(fileName, text)}>
          Download {fileName}
        </Button>
      </div>
    </div>
  );
}
