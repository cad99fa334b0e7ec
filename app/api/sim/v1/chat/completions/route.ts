import { withWorkspace } from "@/lib/api/guard";
import { createSimulator } from "@/lib/models";

export const dynamic = "force-dynamic";

/** One simulator per process so its prefix cache and fault counters behave like a server's. */
const simulator = createSimulator();

/** The built-in model simulator as an OpenAI-compatible endpoint: point any OpenAI client here. */
export const POST = withWorkspace(async ({ request }) => simulator.handle(request));
