import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { createCollection, createCollectionBody, listCollections } from "@/lib/documents";

/** `GET /api/v1/documents/collections`: every member sees the collections and their totals. */
export const GET = withWorkspace(async ({ access }) => json({ collections: await listCollections(access.workspace.id) }));

/** `POST /api/v1/documents/collections`: editors create one. */
export const POST = withWorkspace(
  async ({ request, access }) => json(await createCollection(access.workspace.id, await readJson(request, createCollectionBody)), { status: 201 }),
  { minRole: "editor" },
);
