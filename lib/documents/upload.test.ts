import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDatabase } from "@/lib/db";
import { createCollection, listDocuments } from "./collections";
import { extractDocument } from "./extract";
import { DOCUMENT_LIMITS, type DocumentLimits } from "./limits";
import { docxBytes, lyingZip, pdfBytes, zipBytes } from "./testing";
import { uploadDocuments } from "./upload";

let workspaceId = "";
const SMALL: DocumentLimits = { maxFileBytes: 64 * 1024, maxUploadBytes: 256 * 1024, maxFilesPerUpload: 50, maxWorkspaceBytes: 512 * 1024 };
const file = (path: string, text: string | Uint8Array) => ({ path, bytes: Buffer.from(text) });

async function freshCollection(): Promise<string> {
  return (await createCollection(workspaceId, { name: `c-${Math.random().toString(36).slice(2)}` })).id;
}

beforeAll(async () => {
  await ensureDatabase();
  workspaceId = (await db.workspace.create({ data: { slug: `docs-${Date.now()}`, name: "Docs" } })).id;
});

describe("uploads that are refused as a whole", () => {
  it.each([
    ["a `..` entry", { "src/ok.ts": "export const ok = 1;", "../../etc/passwd": "root" }, /"\.\.\/\.\.\/etc\/passwd" climbs out/],
    ["an absolute path", { "/etc/hosts": "127.0.0.1" }, /"\/etc\/hosts" is an absolute path/],
    ["a Windows drive path", { "C:\\Windows\\win.ini": "[x]" }, /is an absolute path/],
  ])("refuses a zip with %s and stores nothing", async (_, entries, message) => {
    const collectionId = await freshCollection();
    await expect(uploadDocuments(workspaceId, collectionId, [file("repo.zip", zipBytes(entries))], SMALL)).rejects.toThrow(message);
    expect(await listDocuments(workspaceId, collectionId)).toEqual([]);
  });

  it("refuses a zip holding a symbolic link", async () => {
    const collectionId = await freshCollection();
    const zip = zipBytes({ "README.md": "# hi" }, { "secrets": "/etc/shadow" });
    await expect(uploadDocuments(workspaceId, collectionId, [file("repo.zip", zip)], SMALL)).rejects.toThrow('"secrets" is a symbolic link');
    expect(await listDocuments(workspaceId, collectionId)).toEqual([]);
  });

  it("refuses a zip bomb by its declared size, before inflating anything", async () => {
    const collectionId = await freshCollection();
    // Ten honest 60 KB entries: each under the per-file limit, together 600 KB past the 256 KB upload limit.
    const entries = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`zeros-${i}.txt`, "0".repeat(60 * 1024)]));
    await expect(uploadDocuments(workspaceId, collectionId, [file("bomb.zip", zipBytes(entries))], SMALL)).rejects.toMatchObject({
      code: "payload_too_large",
      message: expect.stringMatching(/unpacks to 600 KB, over the 256 KB upload limit/),
    });
  });

  it("refuses a zip bomb that lies about its size, by the bytes that actually come out", async () => {
    const collectionId = await freshCollection();
    // Declares 1 KB, inflates to 8 MB: only counting while streaming catches it.
    const zip = lyingZip("small.txt", 8 * 1024 * 1024, 1024);
    expect(zip.length).toBeLessThan(64 * 1024);
    await expect(uploadDocuments(workspaceId, collectionId, [file("liar.zip", zip)], SMALL)).rejects.toMatchObject({
      code: "payload_too_large",
      message: expect.stringMatching(/inflates past the sizes it declares/),
    });
    expect(await listDocuments(workspaceId, collectionId)).toEqual([]);
  });

  it("refuses a file over the per-file limit, an upload over the upload limit and a workspace over its total", async () => {
    const collectionId = await freshCollection();
    await expect(uploadDocuments(workspaceId, collectionId, [file("big.txt", "x".repeat(65 * 1024))], SMALL)).rejects.toThrow(
      '"big.txt" is 65 KB, over the 64 KB per-file limit',
    );
    const many = Array.from({ length: 5 }, (_, i) => file(`part-${i}.txt`, "y".repeat(60 * 1024)));
    await expect(uploadDocuments(workspaceId, collectionId, many, SMALL)).rejects.toThrow("300 KB is over the 256 KB upload limit");
    const tight = { ...SMALL, maxWorkspaceBytes: 100 * 1024 };
    await uploadDocuments(workspaceId, collectionId, [file("a.txt", "a".repeat(60 * 1024))], tight);
    await expect(uploadDocuments(workspaceId, collectionId, [file("b.txt", "b".repeat(60 * 1024))], tight)).rejects.toThrow(
      /the workspace would hold .* over its 100 KB limit/,
    );
    // Replacing a file frees its old size first.
    await expect(uploadDocuments(workspaceId, collectionId, [file("a.txt", "c".repeat(60 * 1024))], tight)).resolves.toMatchObject({ added: [{ path: "a.txt" }] });
  });
});

describe("uploads that skip some files", () => {
  it("unpacks a repository zip, keeps its tree and lists each binary file with why it was skipped", async () => {
    const collectionId = await freshCollection();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]);
    const zip = zipBytes({
      "app/src/main.ts": "export function main() {\n  return 1;\n}\n",
      "app/README.md": "# App\n\nHello.\n",
      "app/logo.png": png,
      "app/data.dat": new Uint8Array([1, 2, 0, 3, 4]),
      "app/docs/": new Uint8Array(),
    });
    const result = await uploadDocuments(workspaceId, collectionId, [file("repo.zip", zip)], SMALL);
    expect(result.added.map((a) => [a.path, a.kind]).sort()).toEqual([
      ["app/README.md", "markdown"],
      ["app/src/main.ts", "code"],
    ]);
    expect(result.skipped).toEqual(
      expect.arrayContaining([
        { path: "app/logo.png", reason: "binary file (.png)" },
        { path: "app/data.dat", reason: "binary content (it contains NUL bytes)" },
      ]),
    );
    expect((await listDocuments(workspaceId, collectionId)).map((d) => d.path)).toEqual(["app/README.md", "app/src/main.ts"]);
  });

  it("skips an entry over the per-file limit by its declared size and keeps the rest", async () => {
    const collectionId = await freshCollection();
    const zip = zipBytes({ "huge.log": "z".repeat(70 * 1024), "ok.txt": "fine" });
    const result = await uploadDocuments(workspaceId, collectionId, [file("r.zip", zip)], SMALL);
    expect(result.added.map((a) => a.path)).toEqual(["ok.txt"]);
    expect(result.skipped).toEqual([{ path: "huge.log", reason: "larger than the 64 KB per-file limit (70 KB)" }]);
  });
});

describe("text extraction", () => {
  it("reads the text of a PDF through pdf.js", async () => {
    const result = await extractDocument("spec/invoice-rules.pdf", pdfBytes(["Invoices are due in 30 days.", "Late fees accrue monthly."]));
    expect(result).toEqual({ kind: "pdf", text: "Invoices are due in 30 days.\nLate fees accrue monthly." });
  });

  it("reads the paragraphs of a DOCX through mammoth", async () => {
    const result = await extractDocument("notes/onboarding.docx", docxBytes(["Welcome to the payments team.", "Deploys happen on Tuesdays."]));
    expect(result).toMatchObject({ kind: "docx" });
    expect("text" in result && result.text.split("\n").filter(Boolean)).toEqual(["Welcome to the payments team.", "Deploys happen on Tuesdays."]);
  });

  it("turns HTML into text and skips a corrupt PDF with the reason", async () => {
    expect(await extractDocument("site/index.html", new TextEncoder().encode("<html><head><title>Home</title></head><body><p>Hi &amp; bye</p></body></html>"))).toEqual({
      kind: "html",
      text: "# Home\n\nHi & bye",
    });
    expect(await extractDocument("broken.pdf", new TextEncoder().encode("not a pdf"))).toMatchObject({ skipped: expect.stringMatching(/^its PDF text could not be read/) });
  });

  it("keeps the default limits sane", () => {
    expect(DOCUMENT_LIMITS.maxFileBytes).toBeLessThan(DOCUMENT_LIMITS.maxUploadBytes);
    expect(DOCUMENT_LIMITS.maxUploadBytes).toBeLessThan(DOCUMENT_LIMITS.maxWorkspaceBytes);
  });
});
