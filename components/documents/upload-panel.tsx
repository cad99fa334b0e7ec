"use client";

import { useId, useState, type DragEvent } from "react";
import { cx } from "@/components/ui/cx";
import { documentsApi, type PickedFile, type UploadResult } from "./documents-api";

/** A picked file's path: a folder pick keeps its tree (`webkitRelativePath`). */
const picked = (files: FileList | null): PickedFile[] => [...(files ?? [])].map((file) => ({ file, path: file.webkitRelativePath || file.name }));

/**
 * Upload into one collection: several files, a folder or `.zip` archives, by picker or by drop.
 * The answer lists what was added and, with why, what was skipped; a refusal shows the server's reason.
 */
export function UploadPanel({ collectionId, limitsNote, onUploaded }: { collectionId: string; limitsNote: string; onUploaded: () => void }) {
  const ids = { files: useId(), folder: useId() };
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [result, setResult] = useState<UploadResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async (files: PickedFile[]) => {
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    setResult(null);
    const answer = await documentsApi.upload(collectionId, files);
    setBusy(false);
    if (!answer.ok) return setError(answer.error.message);
    setResult(answer.value);
    onUploaded();
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void send(picked(event.dataTransfer.files));
  };

  return (
    <section aria-label="Upload" className="space-y-2">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cx("rounded-lg border-2 border-dashed px-4 py-5 text-center text-sm", dragging ? "border-sky-500 bg-sky-50" : "border-slate-300 bg-white")}
      >
        <p className="text-slate-700">Drop files or a .zip of a repository here, or</p>
        <div className="mt-2 flex justify-center gap-3">
          <label htmlFor={ids.files} className="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium shadow-xs hover:bg-slate-50">
            Choose files
          </label>
          <input id={ids.files} type="file" multiple className="sr-only" disabled={busy} onChange={(e) => void send(picked(e.target.files))} />
          <label htmlFor={ids.folder} className="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium shadow-xs hover:bg-slate-50">
            Choose a folder
          </label>
          <input
            id={ids.folder}
            type="file"
            className="sr-only"
            disabled={busy}
            {...({ webkitdirectory: "" } as Record<string, string>)}
            onChange={(e) => void send(picked(e.target.files))}
          />
        </div>
        <p className="mt-2 text-xs text-slate-500">{limitsNote}</p>
      </div>
      {busy && <p className="animate-pulse text-sm text-slate-600">Uploading and indexing…</p>}
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {result && (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <p className="font-medium">
            Added {result.added.length} {result.added.length === 1 ? "file" : "files"}
            {result.skipped.length > 0 && `, skipped ${result.skipped.length}`}.
          </p>
          {result.skipped.length > 0 && (
            <ul aria-label="Skipped files" className="mt-1 list-disc pl-5 text-xs text-amber-900">
              {result.skipped.map((s) => (
                <li key={s.path}>
                  <span className="font-mono">{s.path}</span>: {s.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
