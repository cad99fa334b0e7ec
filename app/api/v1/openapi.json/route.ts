import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { openApiDocument } from "@/app/api/v1/operations";

/** `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of this API, generated from the routes' zod schemas. */
export const GET = withWorkspace(async () => json(openApiDocument()));
