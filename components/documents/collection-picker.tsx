"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { documentsApi, type CollectionSummary } from "./documents-api";

/** The launcher's "Documents" choice: which collections the run's document tools may read. */
export function CollectionPicker({ selected, onChange }: { selected: readonly string[]; onChange: (ids: string[]) => void }) {
  const [collections, setCollections] = useState<CollectionSummary[] | null>(null);
  useEffect(() => {
    let live = true;
    void documentsApi.collections().then((result) => {
      if (live) setCollections(result.ok ? result.value.collections : []);
    });
    return () => {
      live = false;
    };
  }, []);
  if (collections === null) return null;
  return (
    <fieldset className="rounded-md border border-slate-200 px-3 py-2">
      <legend className="px-1 text-sm font-medium">Documents</legend>
      {collections.length === 0 ? (
        <p className="text-xs text-slate-500">
          No document collections yet: upload files on the{" "}
          <Link href="/documents" className="text-sky-700 underline">
            Documents
          </Link>{" "}
          page to give runs files to read.
        </p>
      ) : (
        <ul className="space-y-1">
          {collections.map((collection) => (
            <li key={collection.id}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={selected.includes(collection.id)}
                  onChange={(e) => onChange(e.target.checked ? [...selected, collection.id] : selected.filter((id) => id !== collection.id))}
                />
                Attach {collection.name}
                <span className="text-xs text-slate-500">
                  ({collection.fileCount} {collection.fileCount === 1 ? "file" : "files"})
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
