import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { startAdvisor } from "@/lib/evals/advisor";
import { startAdvisorBody } from "@/lib/evals/experiments";

/** `POST /api/v1/experiments/advisor`: the tier advisor's search as an experiment; its proposal arrives with the results. */
export const POST = withWorkspace(
  async ({ request, access }) => json(await startAdvisor(access.workspace.id, await readJson(request, startAdvisorBody)), { status: 201 }),
  { minRole: "editor" },
);
