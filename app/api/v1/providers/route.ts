import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { createProvider, createProviderBody } from "@/lib/workspaces/provider-entries";

/** `POST /api/v1/providers`: owners only; the provider is saved, then checked, and the answer says what the check found. */
export const POST = withWorkspace(
  async ({ request, access }) => json(await createProvider(access.workspace.id, await readJson(request, createProviderBody)), { status: 201 }),
  { minRole: "owner" },
);
