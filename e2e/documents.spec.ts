import { expect, test } from "@playwright/test";
import { DocumentsPage } from "./pages/documents-page";
import { createGraph, EditorPage } from "./pages/editor-page";
import { RunLauncherDialog } from "./pages/run-launcher";
import { RunPage } from "./pages/run-page";

/*
 * e2e/fixtures/sample-repo.zip: "sample-shop", 30 entries in TypeScript, Python, Go, Rust, Markdown,
 * JSON, YAML, CSV and shell. docs/logo.png is binary (skipped on upload); the nano classifier
 * leaves out the two tests, the lockfile and the licence, so 25 files are worth a summary.
 */
const ZIP = "e2e/fixtures/sample-repo.zip";
const RELEVANT = 25;

test("a repository zip uploaded to Documents is read file by file by the Codebase documentation template", async ({ page, request }) => {
  test.setTimeout(120_000);
  const documents = new DocumentsPage(page);
  await documents.goto();
  const collection = `sample-shop repo ${Date.now()}`;
  await documents.createCollection(collection);
  await documents.upload(ZIP);
  await expect(documents.uploadResult).toContainText("Added 29 files, skipped 1.");
  await expect(documents.uploadResult.getByRole("list", { name: "Skipped files" })).toHaveText("sample-shop/docs/logo.png: binary file (.png)");
  await expect(documents.files.getByRole("row")).toHaveCount(1 + 29);
  await expect(documents.files.getByRole("cell", { name: "sample-shop/pricing/rules.py", exact: true })).toBeVisible();

  const graphId = await createGraph(request, "Document the sample shop", { template: "codebase-docs" });
  const editor = new EditorPage(page);
  await editor.goto(graphId);
  const launcher = new RunLauncherDialog(page);
  await launcher.openWith(editor.button(/^Run$/));
  await launcher.dialog.getByRole("checkbox", { name: new RegExp(`^Attach ${collection}`) }).check();
  // The server's estimate now prices a summary per attached file.
  await expect(launcher.estimate.getByRole("rowheader", { name: "Summariser" })).toBeVisible();
  await launcher.fill({ task: "Write developer documentation for this repository.", pace: "Instant" });
  await launcher.startButton.click();

  const run = new RunPage(page);
  await expect(page).toHaveURL(/\/runs\/[a-z0-9]+$/);
  await expect(run.status).toHaveText("Succeeded", { timeout: 60_000 });

  // The timeline: one Summariser instance per relevant file.
  await run.openTab("Timeline");
  await expect(run.poolToggle("Summariser")).toHaveAccessibleName(`Summariser, ${RELEVANT} instances`);

  // The transcript: each instance read its own file with read_file.
  await run.openTab("Transcript");
  await run.selectNode("Summariser");
  await expect(run.instances("Summariser")).toHaveCount(RELEVANT);
  await run.instances("Summariser").filter({ hasText: "sample-shop/pricing/rules.py" }).click();
  await expect(run.transcript.getByRole("region", { name: "Files read" })).toHaveText(/sample-shop\/pricing\/rules\.py/);
  const call = run.response.getByRole("listitem", { name: "Tool call: read_file" });
  await expect(call).toContainText('"path": "sample-shop/pricing/rules.py"');
  await expect(call).toContainText("def apply_bulk_discount(subtotal, count):");

  // The documentation names the files it covers, and not the ones left out.
  await expect(run.result).toContainText("sample-shop/api/src/orders.ts");
  await expect(run.result).toContainText("sample-shop/checksum/src/lib.rs");
  await expect(run.result).not.toContainText("test_rules.py");
});
