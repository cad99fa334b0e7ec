import { withWorkspace } from "@/lib/api/guard";
import { deleteDocument } from "@/lib/documents";

type Params = { id: string; fileId: string };

/** `DELETE /api/v1/documents/collections/:id/files/:fileId`. */
export const DELETE = withWorkspace<Params>(
  async ({ params, access }) => {
    await deleteDocument(access.workspace.id, params.id, params.fileId);
    return new Response(null, { status: 204 });
  },
  { minRole: "editor" },
);
