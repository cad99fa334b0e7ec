import type { PlanSubtask, ReviewVerdict, TranscriptMessage } from "@/lib/engine/events";
import type { TranscriptEntry } from "@/lib/stores/run";
import { cx } from "@/components/ui/cx";
import { formatDuration } from "./format";
import { Markdown } from "./markdown";

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The messages an instance was prompted with; the system prompt folded away by default. */
export function PromptMessages({ messages }: { messages: TranscriptMessage[] }) {
  if (messages.length === 0) return <p className="text-sm text-slate-500">No model call: nothing was routed to this node.</p>;
  return (
    <div className="space-y-2">
      {messages.map((message, i) => (
        <details key={i} open={message.role !== "system"} className="group rounded-md border border-slate-200 bg-white">
          <summary className="cursor-pointer px-3 py-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase select-none">
            {message.role === "system" ? "System prompt" : message.role === "user" ? "User message" : message.role}
          </summary>
          <div className="border-t border-slate-100 px-3 py-2">
            <Markdown text={message.content} />
          </div>
        </details>
      ))}
    </div>
  );
}

/**
 * What an instance did after its prompt, in order: streamed text (Markdown, or raw JSON for
 * structured answers), tool calls with arguments and results, retries and revision requests.
 */
export function TranscriptEntries({ entries, structured, streaming }: { entries: TranscriptEntry[]; structured: boolean; streaming: boolean }) {
  return (
    <ol className="space-y-3" aria-label="Output">
      {entries.map((entry, i) => {
        const last = i === entries.length - 1;
        switch (entry.kind) {
          case "text":
            return (
              <li key={i}>
                {structured && streaming ? (
                  <pre className="overflow-x-auto rounded-md bg-slate-50 p-3 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-700">{entry.text}</pre>
                ) : structured ? (
                  <details className="rounded-md border border-slate-200">
                    <summary className="cursor-pointer px-3 py-1.5 text-xs text-slate-500 select-none">Structured output (JSON)</summary>
                    <pre className="overflow-x-auto border-t border-slate-100 bg-slate-50 p-3 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-700">{prettyJson(entry.text)}</pre>
                  </details>
                ) : (
                  <Markdown text={entry.text} />
                )}
                {streaming && last && <span aria-label="Streaming" className="mt-1 inline-block h-3.5 w-1.5 animate-pulse bg-sky-500" />}
              </li>
            );
          case "tool":
            return (
              <li key={i} className="rounded-md border border-slate-200 bg-slate-50" aria-label={`Tool call: ${entry.tool}`}>
                <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-1.5 text-xs">
                  {/* Events recorded before `source` existed show the function name the model called. */}
                  {entry.source && (
                    <span className="rounded bg-slate-200 px-1.5 py-px text-[11px] text-slate-700">
                      <span className="sr-only">Server: </span>
                      {entry.source.server ?? "built-in"}
                    </span>
                  )}
                  <span className="rounded bg-slate-800 px-1.5 py-px font-mono text-[11px] text-white">
                    <span className="sr-only">Tool: </span>
                    {entry.source?.name ?? entry.tool}
                  </span>
                  <span className="text-slate-500">tool call</span>
                  {entry.result && (
                    <span className={cx("ml-auto font-medium", entry.result.ok ? "text-emerald-700" : "text-red-700")}>
                      {entry.result.ok ? "ok" : "error"} · {formatDuration(entry.result.durationMs)}
                    </span>
                  )}
                  {!entry.result && <span className="ml-auto animate-pulse text-sky-700">running…</span>}
                </div>
                <div className="grid gap-2 p-3 text-xs sm:grid-cols-2">
                  <div className="min-w-0">
                    <div className="mb-1 font-semibold text-slate-500">Arguments</div>
                    <pre className="overflow-x-auto rounded bg-white p-2 font-mono whitespace-pre-wrap text-slate-800">{prettyJson(entry.arguments)}</pre>
                  </div>
                  <div className="min-w-0">
                    <div className="mb-1 font-semibold text-slate-500">Result</div>
                    <pre className={cx("max-h-48 overflow-auto rounded bg-white p-2 font-mono whitespace-pre-wrap", entry.result?.ok === false ? "text-red-700" : "text-slate-800")}>
                      {entry.result ? entry.result.output : "…"}
                    </pre>
                  </div>
                </div>
              </li>
            );
          case "retry":
            return (
              <li key={i} role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">
                <strong>Retry (attempt {entry.attempt})</strong> after {formatDuration(entry.delayMs)}: {entry.reason}. The partial answer was discarded.
              </li>
            );
          case "revise":
            return (
              <li key={i} role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900">
                <strong>Sent back for revision</strong> (pass {entry.nextIteration + 1}) to {entry.targets.join(", ")}: {entry.feedback}
              </li>
            );
        }
      })}
    </ol>
  );
}

/** A reviewer's verdict: approve or revise, the feedback, and the answer it wrote. */
export function VerdictCard({ verdict }: { verdict: ReviewVerdict }) {
  const approve = verdict.verdict === "approve";
  return (
    <section aria-label="Verdict" className={cx("rounded-md border p-3", approve ? "border-emerald-200 bg-emerald-50/60" : "border-amber-300 bg-amber-50")}>
      <h4 className={cx("text-sm font-semibold", approve ? "text-emerald-800" : "text-amber-900")}>Verdict: {approve ? "approve" : "revise"}</h4>
      <p className="mt-1 text-sm text-slate-700">
        <span className="font-medium">Feedback: </span>
        {verdict.feedback}
      </p>
      <div className="mt-2 border-t border-black/5 pt-2">
        <Markdown text={verdict.output} />
      </div>
    </section>
  );
}

/** A planner's plan: the subtasks and which executor takes each. */
export function PlanList({ plan }: { plan: PlanSubtask[] }) {
  return (
    <section aria-label="Plan">
      <h4 className="mb-1.5 text-sm font-semibold text-slate-800">Plan · {plan.length} subtasks</h4>
      <ol className="space-y-1.5">
        {plan.map((subtask, i) => (
          <li key={i} className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
            <div className="flex items-baseline gap-2">
              <span className="font-medium text-slate-900">
                {i + 1}. {subtask.title}
              </span>
              <span className="ml-auto shrink-0 rounded bg-executor/10 px-1.5 text-xs text-executor">→ {subtask.executor}</span>
            </div>
            {subtask.instructions && <p className="mt-0.5 text-xs text-slate-600">{subtask.instructions}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
