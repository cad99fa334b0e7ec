import Link from "next/link";
import { formatRecent } from "@/components/ui/date-format";

interface Item {
  id: string;
  name: string;
  mode: string;
  status: string;
  simulated: boolean;
  createdAt: string;
}

/** The latest experiments and advisor searches. */
export function ExperimentList({ experiments }: { experiments: Item[] }) {
  if (experiments.length === 0) return <p className="text-sm text-slate-600">No experiments yet.</p>;
  return (
    <table className="w-full text-sm" aria-label="Experiments, newest first">
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th className="py-2">Experiment</th>
          <th>Status</th>
          <th>Started</th>
        </tr>
      </thead>
      <tbody>
        {experiments.map((e) => (
          <tr key={e.id} className="border-t border-slate-200">
            <th scope="row" className="py-2 text-left font-medium">
              <Link href={`/experiments/${e.id}`} className="text-sky-800 hover:underline">
                {e.name}
              </Link>
              {e.simulated && <span className="ml-2 text-xs font-normal text-amber-700">simulated</span>}
            </th>
            <td>{e.status.replace("_", " ")}</td>
            <td>{formatRecent(e.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
