import { withWorkspace } from "@/lib/api/guard";
import { json, readQuery } from "@/lib/api/respond";
import { requireCollection, searchCollections, searchQuery } from "@/lib/documents";

type Params = { id: string };

/** `GET /api/v1/documents/collections/:id/search?q=&limit=`: the BM25 ranking the `search_files` tool sees. */
export const GET = withWorkspace<Params>(async ({ request, params, access }) => {
  // The collection first: a foreign id answers 404 whatever the query.
  const collection = await requireCollection(access.workspace.id, params.id);
  const { q, limit } = readQuery(request, searchQuery);
  return json({ hits: await searchCollections([collection.id], q, limit) });
});
