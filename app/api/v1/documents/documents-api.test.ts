import { beforeAll, describe, expect, it } from "vitest";
import { GET as listCollections, POST as createCollection } from "@/app/api/v1/documents/collections/route";
import { GET as listFiles, POST as upload } from "@/app/api/v1/documents/collections/[id]/files/route";
import { DELETE as deleteFile } from "@/app/api/v1/documents/collections/[id]/files/[fileId]/route";
import { GET as search } from "@/app/api/v1/documents/collections/[id]/search/route";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db } from "@/lib/db";
import type { CollectionSummary, DocumentSummary, UploadResult } from "@/lib/documents";
import { zipBytes } from "@/lib/documents/testing";

let ownerCookie = "";
let viewerCookie = "";
let strangerCookie = "";
const asOwner = requestsAs(() => ownerCookie);
const asViewer = requestsAs(() => viewerCookie);
const asStranger = requestsAs(() => strangerCookie);
const none = { params: Promise.resolve({} as Record<string, never>) };
const at = (id: string, fileId = "") => ({ params: Promise.resolve({ id, fileId }) });
const BASE = "http://test/api/v1/documents/collections";

function form(files: Record<string, string | Uint8Array>): FormData {
  const data = new FormData();
  for (const [path, content] of Object.entries(files)) data.append("files", new Blob([content as BlobPart]), path);
  return data;
}

beforeAll(async () => {
  const owner = await signUpForTest({ name: "Docs owner" });
  ownerCookie = owner.cookie;
  const workspaceId = (await db.membership.findFirstOrThrow({ where: { userId: owner.userId } })).workspaceId;
  const viewer = await signUpForTest({ name: "Docs viewer" });
  viewerCookie = viewer.cookie;
  await db.membership.create({ data: { workspaceId, userId: viewer.userId, role: "viewer" } });
  const stranger = await signUpForTest({ name: "Docs stranger" });
  await db.membership.deleteMany({ where: { userId: stranger.userId } });
  await db.workspace.create({ data: { slug: `docs-theirs-${Date.now()}`, name: "Theirs", members: { create: { userId: stranger.userId, role: "owner" } } } });
  strangerCookie = stranger.cookie;
}, 30_000);

describe("documents API", () => {
  let collection: CollectionSummary;

  it("lets an editor create a collection and upload a folder and a zip; binary files come back skipped with why", async () => {
    const created = await createCollection(asOwner(BASE, { method: "POST", body: JSON.stringify({ name: "payments-service repo" }) }), none);
    expect(created.status).toBe(201);
    collection = (await created.json()) as CollectionSummary;

    const zip = zipBytes({ "lib/ledger.ts": "export function postEntry() {}\n", "assets/logo.png": new Uint8Array([0x89, 0x50, 0, 1]) });
    const response = await upload(asOwner(`${BASE}/${collection.id}/files`, { method: "POST", body: form({ "docs/intro.md": "# Intro\n\nThe ledger posts entries.\n", "repo.zip": zip }) }), at(collection.id));
    expect(response.status).toBe(201);
    const result = (await response.json()) as UploadResult;
    expect(result.added.map((a) => a.path).sort()).toEqual(["docs/intro.md", "lib/ledger.ts"]);
    expect(result.skipped).toEqual([{ path: "assets/logo.png", reason: "binary file (.png)" }]);

    const listed = (await (await listFiles(asViewer(`${BASE}/${collection.id}/files`), at(collection.id))).json()) as { files: DocumentSummary[] };
    expect(listed.files.map((f) => [f.path, f.kind])).toEqual([
      ["docs/intro.md", "markdown"],
      ["lib/ledger.ts", "code"],
    ]);
    const totals = (await (await listCollections(asViewer(BASE), none)).json()) as { collections: CollectionSummary[] };
    expect(totals.collections).toEqual([expect.objectContaining({ name: "payments-service repo", fileCount: 2 })]);
    const hits = (await (await search(asViewer(`${BASE}/${collection.id}/search?q=postEntry`), at(collection.id))).json()) as { hits: { path: string }[] };
    expect(hits.hits[0]).toMatchObject({ path: "lib/ledger.ts", startLine: 1 });
  });

  it("refuses a traversal zip with 422 naming the entry, and a viewer's upload with 403", async () => {
    const bad = await upload(asOwner(`${BASE}/${collection.id}/files`, { method: "POST", body: form({ "evil.zip": zipBytes({ "../outside.txt": "x" }) }) }), at(collection.id));
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { message: 'Upload refused: "../outside.txt" climbs out of the upload with `..`.' } });
    const viewer = await upload(asViewer(`${BASE}/${collection.id}/files`, { method: "POST", body: form({ "a.txt": "a" }) }), at(collection.id));
    expect(viewer.status).toBe(403);
  });

  it("answers another workspace's member 404 for the collection, its files, its search and a file delete", async () => {
    const files = (await (await listFiles(asOwner(`${BASE}/${collection.id}/files`), at(collection.id))).json()) as { files: DocumentSummary[] };
    const calls = [
      listFiles(asStranger(`${BASE}/${collection.id}/files`), at(collection.id)),
      search(asStranger(`${BASE}/${collection.id}/search?q=ledger`), at(collection.id)),
      upload(asStranger(`${BASE}/${collection.id}/files`, { method: "POST", body: form({ "b.txt": "b" }) }), at(collection.id)),
      deleteFile(asStranger(`${BASE}/${collection.id}/files/${files.files[0].id}`, { method: "DELETE" }), at(collection.id, files.files[0].id)),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("ledger");
    }
    const theirList = (await (await listCollections(asStranger(BASE), none)).json()) as { collections: CollectionSummary[] };
    expect(theirList.collections).toEqual([]);
    expect(await db.document.count({ where: { collectionId: collection.id } })).toBe(2);
  });
});
