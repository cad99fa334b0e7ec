import { json } from "@/lib/api/respond";
import { getSharedRun } from "@/lib/runs";
import { withShareToken } from "../share-route";

export const dynamic = "force-dynamic";

/** The shared run: status, results and costs (the share page polls it when a stream ends early). */
export const GET = withShareToken(async ({ token }) => json(await getSharedRun(token)));
