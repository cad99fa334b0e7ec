"use client";

import { useReactFlow } from "@xyflow/react";
import { useId, useState, type ChangeEvent } from "react";
import type { GraphIssue } from "@/lib/graph";
import { useEditorStoreApi } from "@/lib/stores/editor";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { parseJson } from "./graph-file";

type Problem = { summary: string; issues: Pick<GraphIssue, "message">[] };

/**
 * Imports a graph document from a file, pasted text or the clipboard. It is checked as the API
 * checks a save: a malformed one changes nothing and every error is listed; one with problems
 * (a graph exported mid-build) is imported, and its problems are listed like any edit's.
 */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Import graph"
      description="The imported graph replaces what is on the canvas. Undo (Ctrl/⌘+Z) brings the current one back."
      className="max-w-2xl"
    >
      <ImportForm onDone={onClose} />
    </Dialog>
  );
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const store = useEditorStoreApi();
  const { fitView } = useReactFlow();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const fileId = useId();
  const textId = useId();

  const importText = (input: string, source: string) => {
    const parsed = parseJson(input);
    if (!parsed.ok) return setProblem({ summary: `${source} could not be read.`, issues: [{ message: parsed.message }] });
    const result = store.getState().importDocument(parsed.value);
    if (!result.ok) {
      const count = result.errors.length;
      return setProblem({ summary: `${source} was not imported: it has ${count} problem${count === 1 ? "" : "s"}.`, issues: result.errors });
    }
    const nodes = store.getState().nodes.length;
    const problems = result.problems.length;
    const toFix = problems === 0 ? "" : ` It has ${problems} problem${problems === 1 ? "" : "s"} to fix before it can run, listed on the left.`;
    store.getState().showNotice("info", `Imported ${nodes} node${nodes === 1 ? "" : "s"}.${toFix}`);
    onDone();
    requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1 }));
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (file) importText(await file.text(), `"${file.name}"`);
  };

  const fromClipboard = async () => {
    try {
      const clipboard = await navigator.clipboard.readText();
      setText(clipboard);
      importText(clipboard, "The clipboard");
    } catch {
      setProblem({ summary: "The clipboard could not be read.", issues: [{ message: "Allow clipboard access, or paste into the box with Ctrl/⌘+V." }] });
    }
  };

  return (
    <div className="space-y-4">
      <div>
        <label htmlFor={fileId} className="block text-sm font-medium text-slate-800">
          Import JSON file
        </label>
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          onChange={onFile}
          className="mt-1 block w-full text-sm text-slate-600 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
        />
      </div>
      <div>
        <label htmlFor={textId} className="block text-sm font-medium text-slate-800">
          Or paste graph JSON
        </label>
        <textarea
          id={textId}
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={8}
          spellCheck={false}
          placeholder='{ "schemaVersion": 1, "nodes": [ … ], "edges": [ … ] }'
          className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs focus:border-sky-600 focus:outline-none"
        />
      </div>
      {problem && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">{problem.summary}</p>
          <ul aria-label="Import problems" className="mt-2 max-h-48 list-disc space-y-1 overflow-auto pl-5">
            {problem.issues.map((issue, index) => (
              <li key={index}>{issue.message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button onClick={fromClipboard}>Paste from clipboard</Button>
        <Button variant="primary" onClick={() => importText(text, "The pasted JSON")} disabled={text.trim() === ""}>
          Import pasted JSON
        </Button>
      </div>
    </div>
  );
}
