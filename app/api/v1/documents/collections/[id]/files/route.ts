import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { listDocuments, readUploadForm, requireCollection, uploadDocuments } from "@/lib/documents";

type Params = { id: string };

/** `GET /api/v1/documents/collections/:id/files`: path, kind, size and lines of each file. */
export const GET = withWorkspace<Params>(async ({ params, access }) => json({ files: await listDocuments(access.workspace.id, params.id) }));

/** `POST /api/v1/documents/collections/:id/files`: multipart upload of files, a folder or `.zip` archives. */
export const POST = withWorkspace<Params>(
  async ({ request, params, access }) => {
    // The collection first: a foreign id answers 404 before the body is read.
    await requireCollection(access.workspace.id, params.id);
    return json(await uploadDocuments(access.workspace.id, params.id, await readUploadForm(request)), { status: 201 });
  },
  { minRole: "editor" },
);
