import { ensureDatabase } from "@/lib/db";
import { providerFromEnv } from "@/lib/models";

export const dynamic = "force-dynamic";

/** Liveness and readiness: 200 once the database is migrated, 503 until then. */
export async function GET() {
  try {
    await ensureDatabase();
    return Response.json({ status: "ok", simulated: !providerFromEnv().apiKey });
  } catch (error) {
    console.error("Health check failed:", error);
    return Response.json({ status: "unavailable", message: "The database is not ready." }, { status: 503 });
  }
}
