import { withWorkspace } from "@/lib/api/guard";
import { errorResponse, json, readQuery } from "@/lib/api/respond";
import { ensureDatabase } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { providerFromEnv } from "@/lib/models";
import { healthQuery, operatorHealth } from "@/lib/runs";

export const dynamic = "force-dynamic";

/** Operators only: a workspace owner, or an API key (what monitoring runs with). */
const detailed = withWorkspace(async ({ access }) => {
  if (access.via !== "api_key" && !access.can("owner")) throw new AppError("forbidden", "The health detail needs the owner role or an API key.");
  return json({ status: "ok", simulated: !providerFromEnv().apiKey, ...(await operatorHealth(access.workspace.id)) });
});

/** Liveness and readiness: 200 once the database is migrated, 503 until then; `?detail=1` adds the operator's figures. */
export async function GET(request: Request) {
  try {
    await ensureDatabase();
  } catch (error) {
    console.error("Health check failed:", error);
    return Response.json({ status: "unavailable", message: "The database is not ready." }, { status: 503 });
  }
  try {
    if (readQuery(request, healthQuery).detail === "1") return detailed(request, { params: Promise.resolve({}) });
  } catch (error) {
    return errorResponse(error);
  }
  return Response.json({ status: "ok", simulated: !providerFromEnv().apiKey });
}
