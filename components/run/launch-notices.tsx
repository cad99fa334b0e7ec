import type { LaunchChecks } from "./launch-checks";

/** Under the budget field: why it cannot be used, or how it compares with the estimate. `id` is what the field's aria-describedby names. */
export function BudgetNote({ id, checks }: { id: string; checks: Pick<LaunchChecks, "budgetError" | "budgetWarning"> }) {
  const { budgetError, budgetWarning } = checks;
  return (
    <div aria-live="polite">
      {budgetError ? (
        <p id={id} className="text-xs text-red-700">
          {budgetError}
        </p>
      ) : (
        budgetWarning && (
          <p
            id={id}
            className={
              budgetWarning.level === "below_low"
                ? "rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900"
                : "text-xs text-slate-600"
            }
          >
            {budgetWarning.message}
          </p>
        )
      )}
    </div>
  );
}

/** What keeps the graph from running, listed in the launcher; `summaryId` describes the disabled Start run. */
export function RunBlockers({ summaryId, problems }: { summaryId: string; problems: readonly string[] }) {
  const one = problems.length === 1;
  return (
    <section aria-label="Problems to fix before running" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p id={summaryId} className="font-medium">
        This graph can’t run yet: it has {problems.length} {one ? "problem" : "problems"}. Fix {one ? "it" : "them"} in the editor; your edits are
        saved meanwhile.
      </p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((problem, i) => (
          <li key={i}>{problem}</li>
        ))}
      </ul>
    </section>
  );
}
