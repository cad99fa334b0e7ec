import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { createGraph, EditorPage, fetchGraph, type GraphJson } from "./pages/editor-page";

test("importing a file with errors lists every error and changes nothing", async ({ page, request }) => {
  const id = await createGraph(request, "Import target", { template: "research-review" });
  const editor = new EditorPage(page);
  await editor.goto(id);
  const broken = structuredClone((await fetchGraph(request, id)).graph);
  broken.nodes[1].tools = ["teleport"];
  broken.nodes[2].tier = "mega";
  broken.edges.push({ id: "loop", source: "reviewer", target: "research-planner", kind: "data" });

  const dialog = await editor.importFile("broken.json", JSON.stringify(broken));
  const alert = dialog.getByRole("alert");
  await expect(alert).toContainText('"broken.json" was not imported');
  const problems = alert.getByRole("list", { name: "Import problems" }).getByRole("listitem");
  await expect(problems.filter({ hasText: 'uses the tool "teleport", which does not exist' })).toHaveCount(1);
  await expect(problems.filter({ hasText: 'unknown tier "mega"' })).toHaveCount(1);
  await expect(problems.filter({ hasText: "cycle of data edges" }).first()).toBeVisible();
  expect(await problems.count()).toBeGreaterThanOrEqual(3);

  // Not JSON at all: said plainly.
  await dialog.getByLabel("Import JSON file").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from("{ nope") });
  await expect(dialog.getByRole("alert")).toContainText("not valid JSON");

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(editor.nodes).toHaveCount(4);
  await expect(editor.button("Undo")).toBeDisabled();
});

test("an exported file imports back to the same graph, and so does the clipboard", async ({ page, request, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const id = await createGraph(request, "Round trip", { template: "triage-at-scale" });
  const editor = new EditorPage(page);
  await editor.goto(id);
  const original = (await fetchGraph(request, id)).graph;

  await editor.button("Export…").click();
  const exportDialog = page.getByRole("dialog", { name: "Export graph" });
  const downloadPromise = page.waitForEvent("download");
  await exportDialog.getByRole("button", { name: /^Download/ }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("round-trip.tierflow.json");
  const file = await readFile(await download.path(), "utf8");
  const exported = JSON.parse(file) as GraphJson;
  expect(exported).toEqual(original);
  await exportDialog.getByRole("button", { name: "Copy to clipboard" }).click();
  await expect(exportDialog.getByText("Copied to the clipboard.")).toBeVisible();
  await exportDialog.getByRole("button", { name: "Close" }).click();

  // Change the canvas, then bring the export back.
  const firstLabel = original.nodes[0].label;
  const role = original.nodes[0].role as "planner" | "executor" | "reviewer";
  await editor.select(role, firstLabel);
  await page.keyboard.press("Delete");
  await expect(editor.nodes).toHaveCount(original.nodes.length - 1);

  const importDialog = await editor.importFile("round-trip.tierflow.json", file);
  await expect(importDialog).toBeHidden();
  await expect(editor.nodes).toHaveCount(original.nodes.length);
  await editor.expectSaved();
  expect((await fetchGraph(request, id)).graph).toEqual(original);

  // Clipboard: delete again, then paste the copied JSON back.
  await editor.select(role, firstLabel);
  await page.keyboard.press("Delete");
  await editor.button("Import…").click();
  const clipboardDialog = page.getByRole("dialog", { name: "Import graph" });
  await clipboardDialog.getByRole("button", { name: "Paste from clipboard" }).click();
  await expect(clipboardDialog).toBeHidden();
  await expect(editor.node(role, firstLabel)).toBeVisible();
  await editor.expectSaved();
  expect((await fetchGraph(request, id)).graph).toEqual(original);
});
