import { resumeSeq, streamSharedRun } from "@/lib/runs";
import { withShareToken } from "../../share-route";

export const dynamic = "force-dynamic";

/** The shared run's events over SSE, resumable like the private stream; ends when the link is revoked. */
export const GET = withShareToken(async ({ request, token }) => streamSharedRun(token, resumeSeq(request), request.signal));
