import { withWorkspace } from "@/lib/api/guard";
import { resumeSeq, streamRunEvents } from "@/lib/runs";

export const dynamic = "force-dynamic";

export const GET = withWorkspace<{ id: string }>(async ({ request, params, access }) =>
  streamRunEvents(access.workspace.id, params.id, resumeSeq(request), request.signal),
);
