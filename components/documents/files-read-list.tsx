import type { TranscriptEntry } from "@/lib/stores/run";
import { cx } from "@/components/ui/cx";
import { filesRead } from "./files-read";

/** "Files read" of one instance: the paths its read_file calls named; nothing when it read none. */
export function FilesReadList({ entries }: { entries: readonly TranscriptEntry[] }) {
  const files = filesRead(entries);
  if (files.length === 0) return null;
  return (
    <section aria-label="Files read">
      <h4 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Files read</h4>
      <ul className="flex flex-wrap gap-1.5">
        {files.map((file, i) => (
          <li key={i} className={cx("rounded border px-1.5 py-px font-mono text-xs", file.ok === false ? "border-red-200 bg-red-50 text-red-800" : "border-slate-200 bg-slate-50 text-slate-800")}>
            {file.path}
            {file.lines && <span className="text-slate-500"> · lines {file.lines}</span>}
            {file.ok === false && <span className="sr-only"> (failed)</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
