"use client";

import { useEffect, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { documentsApi, type CollectionSummary, type DocumentSummary } from "./documents-api";
import { UploadPanel } from "./upload-panel";

const inputClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-sky-600";

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/**
 * The workspace's document library: collections on the left, the chosen one's files on the
 * right with path, kind, size and lines. Editors create collections, upload and delete; viewers see.
 */
export function DocumentsLibrary({ initialCollections, canEdit, limitsNote }: { initialCollections: CollectionSummary[]; canEdit: boolean; limitsNote: string }) {
  const [collections, setCollections] = useState(initialCollections);
  const [selectedId, setSelectedId] = useState<string | null>(initialCollections[0]?.id ?? null);
  const [files, setFiles] = useState<DocumentSummary[] | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const selected = collections.find((c) => c.id === selectedId) ?? null;

  // Bumped after an upload or a delete: the files and the totals are read again.
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  useEffect(() => {
    let live = true;
    void Promise.all([selectedId ? documentsApi.files(selectedId) : null, documentsApi.collections()]).then(([list, totals]) => {
      if (!live) return;
      if (totals.ok) setCollections(totals.value.collections);
      setFiles(list?.ok ? list.value.files : []);
    });
    return () => {
      live = false;
    };
  }, [selectedId, version]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const result = await documentsApi.create(name.trim());
    if (!result.ok) return setError(result.error.message);
    setName("");
    setCollections((list) => [...list, result.value].sort((a, b) => a.name.localeCompare(b.name)));
    setSelectedId(result.value.id);
  };
  const removeCollection = async (collection: CollectionSummary) => {
    if (!window.confirm(`Delete the collection "${collection.name}" and its ${collection.fileCount} files?`)) return;
    const result = await documentsApi.remove(collection.id);
    if (!result.ok) return setError(result.error.message);
    const rest = collections.filter((c) => c.id !== collection.id);
    setCollections(rest);
    setSelectedId(rest[0]?.id ?? null);
  };
  const removeFile = async (file: DocumentSummary) => {
    if (!selected) return;
    const result = await documentsApi.removeFile(selected.id, file.id);
    if (!result.ok) return setError(result.error.message);
    refresh();
  };

  return (
    <div className="grid gap-6 md:grid-cols-[15rem_minmax(0,1fr)]">
      <div className="space-y-4">
        <nav aria-label="Collections">
          {collections.length === 0 ? (
            <p className="text-sm text-slate-500">No collections yet.</p>
          ) : (
            <ul className="space-y-0.5">
              {collections.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    onClick={() => setSelectedId(c.id)}
                    aria-current={c.id === selectedId ? "true" : undefined}
                    className={cx("flex w-full items-baseline gap-2 rounded-md px-3 py-1.5 text-left text-sm", c.id === selectedId ? "bg-white font-semibold shadow-xs ring-1 ring-slate-200" : "hover:bg-white")}
                  >
                    <span className="truncate">{c.name}</span>
                    <span className="ml-auto shrink-0 text-xs font-normal text-slate-500">{c.fileCount} files</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </nav>
        {canEdit && (
          <form onSubmit={create} aria-label="New collection" className="space-y-2">
            <label className="block text-sm font-medium">
              New collection
              <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="e.g. payments-service repo" className={`${inputClass} mt-1`} />
            </label>
            <Button type="submit" disabled={!name.trim()}>
              Create collection
            </Button>
          </form>
        )}
      </div>
      <div className="min-w-0 space-y-4">
        {error && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        {selected ? (
          <section aria-labelledby="collection-heading" className="space-y-4">
            <div className="flex items-baseline gap-3">
              <h2 id="collection-heading" className="text-lg font-semibold">
                {selected.name}
              </h2>
              <span className="text-sm text-slate-500">
                {selected.fileCount} files · {formatSize(selected.sizeBytes)}
              </span>
              {canEdit && (
                <Button className="ml-auto" onClick={() => void removeCollection(selected)}>
                  Delete collection
                </Button>
              )}
            </div>
            {canEdit && <UploadPanel key={selected.id} collectionId={selected.id} limitsNote={limitsNote} onUploaded={refresh} />}
            <FileTable files={files} canEdit={canEdit} onDelete={(file) => void removeFile(file)} />
          </section>
        ) : (
          <p className="text-sm text-slate-600">{canEdit ? "Create a collection, then upload files, a folder or a .zip into it." : "No documents have been uploaded to this workspace."}</p>
        )}
      </div>
    </div>
  );
}

function FileTable({ files, canEdit, onDelete }: { files: DocumentSummary[] | null; canEdit: boolean; onDelete: (file: DocumentSummary) => void }) {
  if (files === null) return <p className="text-sm text-slate-500">Loading files…</p>;
  if (files.length === 0) return <p className="text-sm text-slate-500">No files in this collection yet.</p>;
  return (
    <table aria-label="Files" className="w-full text-left text-sm">
      <thead className="border-b border-slate-200 text-xs text-slate-500">
        <tr>
          <th className="py-1.5 font-medium">Path</th>
          <th className="py-1.5 font-medium">Kind</th>
          <th className="py-1.5 text-right font-medium">Size</th>
          <th className="py-1.5 text-right font-medium">Lines</th>
          {canEdit && <th className="sr-only">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {files.map((file) => (
          <tr key={file.id} className="border-b border-slate-100">
            <td className="py-1.5 font-mono text-xs break-all">{file.path}</td>
            <td className="py-1.5 text-xs text-slate-600">{file.kind}</td>
            <td className="py-1.5 text-right text-xs tabular-nums">{formatSize(file.sizeBytes)}</td>
            <td className="py-1.5 text-right text-xs tabular-nums">{file.lineCount}</td>
            {canEdit && (
              <td className="py-1.5 text-right">
                <button type="button" onClick={() => onDelete(file)} aria-label={`Delete ${file.path}`} className="text-xs text-red-700 hover:underline">
                  Delete
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
