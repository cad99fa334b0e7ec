import { NANO_PER_USD, formatUsd } from "@/lib/models/cost";
import type { RunEstimate } from "@/lib/engine/estimate";

/** What the run launcher says about its input before anything starts. */
export interface LaunchChecks {
  /** Why the task cannot be sent, or null. */
  taskError: string | null;
  /** Why the budget cannot be sent, or null. */
  budgetError: string | null;
  /** The budget in USD; undefined when none is set (or it is invalid). */
  budgetUsd: number | undefined;
  /** A valid budget the estimate says is likely, or possibly, too small; null when it covers the high end. */
  budgetWarning: { level: "below_low" | "below_high"; message: string } | null;
}

/** A budget as typed: "0.5", "$0.50", " 2 ". */
const BUDGET_PATTERN = /^\$?\s*(\d+(?:\.\d*)?|\.\d+)$/;

/** Checks the launcher's task and budget against each other and the cost estimate. */
export function checkLaunch(input: string, budget: string, estimate: RunEstimate): LaunchChecks {
  const taskError = input.trim() === "" ? "Enter a task: it is what the agents work on." : null;
  const typed = budget.trim();
  if (typed === "") return { taskError, budgetError: null, budgetUsd: undefined, budgetWarning: null };

  if (/^-/.test(typed)) return invalidBudget(taskError, "A budget cannot be negative. Enter an amount in US dollars, e.g. 0.50.");
  const match = BUDGET_PATTERN.exec(typed);
  if (!match) return invalidBudget(taskError, "Enter the budget as a number of US dollars, with a dot for cents, e.g. 0.50.");
  const budgetUsd = Number(match[1]);
  if (!(budgetUsd > 0)) return invalidBudget(taskError, "A budget must be more than $0. Leave it empty for no limit.");

  const spend = budgetUsd * NANO_PER_USD;
  const { low, high } = estimate.costNanoUsd;
  let budgetWarning: LaunchChecks["budgetWarning"] = null;
  if (spend < low) {
    budgetWarning = {
      level: "below_low",
      message: `This budget is below the lowest estimate (${formatUsd(low)}): the run will most likely stop before it finishes.`,
    };
  } else if (spend < high) {
    budgetWarning = {
      level: "below_high",
      message: `The run may stop early: the estimate goes up to ${formatUsd(high)}.`,
    };
  }
  return { taskError, budgetError: null, budgetUsd, budgetWarning };
}

function invalidBudget(taskError: string | null, budgetError: string): LaunchChecks {
  return { taskError, budgetError, budgetUsd: undefined, budgetWarning: null };
}
