import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { listTools } from "@/lib/tools";

export const GET = withWorkspace(async () => json({ tools: listTools() }));
