import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { testProvider } from "@/lib/workspaces/provider-entries";

/** `POST /api/v1/providers/:id/test`: owners only (it spends a tiny call); lists the provider's models or gives its exact error. */
export const POST = withWorkspace<{ id: string }>(async ({ params, access }) => json(await testProvider(access.workspace.id, params.id)), { minRole: "owner" });
