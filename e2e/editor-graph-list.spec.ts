import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { HomePage } from "./pages/home-page";

test("the graph list creates from a template, renames, duplicates and deletes", async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createGraph("Docs pipeline", "Codebase documentation");
  const editor = new EditorPage(page);
  await expect(editor.nodes.first()).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Graph name" })).toHaveValue("Docs pipeline");
  await expect(editor.saveStatus).toHaveText("Saved");

  await home.goto();
  await expect(home.graphLink("Docs pipeline")).toBeVisible();
  await home.rename("Docs pipeline", "Docs pipeline v2");
  await home.duplicate("Docs pipeline v2");

  // Deleting asks first; cancelling keeps the graph.
  await home.graphs.getByRole("button", { name: "Delete Docs pipeline v2 (copy)" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(home.graphLink("Docs pipeline v2 (copy)")).toBeVisible();
  await home.delete("Docs pipeline v2 (copy)");
  await expect(home.graphLink("Docs pipeline v2")).toBeVisible();

  await home.graphLink("Docs pipeline v2").click();
  await expect(page.getByRole("textbox", { name: "Graph name" })).toHaveValue("Docs pipeline v2");
});

test("renaming in the editor saves the new name", async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createGraph("Untitled research", "Research and review");
  const editor = new EditorPage(page);
  const name = page.getByRole("textbox", { name: "Graph name" });
  await name.fill("Pricing study");
  await name.press("Enter");
  await editor.expectSaved();
  await home.goto();
  await expect(home.graphLink("Pricing study")).toBeVisible();
});
