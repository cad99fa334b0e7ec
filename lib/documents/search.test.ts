import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDatabase } from "@/lib/db";
import { runTool } from "@/lib/tools";
import { createCollection } from "./collections";
import { createDocumentReader } from "./reader";
import { searchCollections } from "./search";
import { uploadDocuments } from "./upload";

let workspaceId = "";
let otherWorkspaceId = "";
let collectionId = "";
let otherCollectionId = "";
const file = (path: string, text: string) => ({ path, bytes: Buffer.from(text) });

beforeAll(async () => {
  await ensureDatabase();
  workspaceId = (await db.workspace.create({ data: { slug: `search-${Date.now()}`, name: "Search" } })).id;
  otherWorkspaceId = (await db.workspace.create({ data: { slug: `search-other-${Date.now()}`, name: "Other" } })).id;
  collectionId = (await createCollection(workspaceId, { name: "payments" })).id;
  otherCollectionId = (await createCollection(otherWorkspaceId, { name: "secret" })).id;
  await uploadDocuments(workspaceId, collectionId, [
    // Callers mention the term more often than the file that defines it.
    file("src/checkout.ts", 'import { applyDiscount } from "./pricing";\n\nexport function checkout(cart) {\n  const a = applyDiscount(cart.total, cart.code);\n  const b = applyDiscount(a, "LOYAL");\n  return applyDiscount(b, null);\n}\n'),
    file("src/pricing.ts", "export function applyDiscount(total: number, code: string | null): number {\n  if (!code) return total;\n  return total * 0.9;\n}\n\nexport const TAX = 0.2;\n"),
    file("docs/guide.md", "# Guide\n\nCheckout calls applyDiscount twice.\n\n## Refunds\n\nRefunds go back to the card.\n"),
    file("test/pricing.test.ts", 'import { applyDiscount } from "../src/pricing";\ntest("discount", () => expect(applyDiscount(10, "X")).toBe(9));\ntest("none", () => expect(applyDiscount(10, null)).toBe(10));\n'),
  ]);
  await uploadDocuments(otherWorkspaceId, otherCollectionId, [file("vault/keys.md", "# Keys\n\napplyDiscount secret master key: hunter2\n")]);
});

describe("BM25 search over a collection", () => {
  it("ranks the file that defines a term first, above files that only call it more often", async () => {
    const hits = await searchCollections([collectionId], "applyDiscount", 5);
    expect(hits[0]).toMatchObject({ path: "src/pricing.ts", startLine: 1 });
    expect(hits[0].snippet).toContain("export function applyDiscount");
    expect(hits.map((h) => h.path)).toEqual(expect.arrayContaining(["src/checkout.ts", "test/pricing.test.ts", "docs/guide.md"]));
  });

  it("cites a Markdown section by its own lines", async () => {
    const [hit] = await searchCollections([collectionId], "refunds card", 1);
    expect(hit).toMatchObject({ path: "docs/guide.md", startLine: 5, endLine: 8 });
  });
});

describe("a run's document tools", () => {
  it("list, read and search only the attached collections", async () => {
    const documents = await createDocumentReader(workspaceId, [collectionId]);
    const ctx = { signal: new AbortController().signal, documents };
    const listed = await runTool("list_files", JSON.stringify({ glob: "src/**" }), ctx);
    expect(listed).toEqual({ ok: true, output: expect.stringMatching(/^src\/checkout\.ts \(\d+ bytes, code, 8 lines\)\nsrc\/pricing\.ts/) });
    const read = await runTool("read_file", JSON.stringify({ path: "src/pricing.ts", startLine: 2, endLine: 3 }), ctx);
    expect(read).toEqual({ ok: true, output: "src/pricing.ts (lines 2-3 of 7)\n  if (!code) return total;\n  return total * 0.9;" });
    const searched = await runTool("search_files", JSON.stringify({ query: "master key" }), ctx);
    expect(searched).toEqual({ ok: true, output: 'Nothing in the attached files matches "master key".' });
    const foreign = await runTool("read_file", JSON.stringify({ path: "vault/keys.md" }), ctx);
    expect(foreign).toEqual({ ok: false, error: expect.stringContaining('No attached file has the path "vault/keys.md"') });
  });

  it("cannot be built over another workspace's collection", async () => {
    await expect(createDocumentReader(workspaceId, [collectionId, otherCollectionId])).rejects.toMatchObject({ code: "not_found" });
  });
});
