import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { TEMPLATES } from "@/lib/graph";

export const GET = withWorkspace(async () => json({ templates: TEMPLATES }));
