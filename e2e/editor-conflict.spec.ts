import { expect, test } from "@playwright/test";
import { createGraph, EditorPage, fetchGraph } from "./pages/editor-page";

test("two tabs editing one graph get a conflict message, not a lost edit", async ({ context, request }) => {
  const id = await createGraph(request, "Shared graph", { template: "research-review" });
  const first = new EditorPage(await context.newPage());
  const second = new EditorPage(await context.newPage());
  await first.goto(id);
  await second.goto(id);

  // Tab one renames a node and saves.
  await first.select("executor", "Analyst");
  await first.setLabel("Quant analyst");
  await first.expectSaved();

  // Tab two, still on the old version, edits something else.
  await second.select("executor", "Researcher");
  await second.setLabel("Web researcher");
  const alert = second.page.getByRole("alert").filter({ hasText: "This graph was changed somewhere else" });
  await expect(alert).toBeVisible({ timeout: 15_000 });
  await expect(second.saveStatus).toHaveText("Not saved: conflict");

  // Nothing was lost: tab one's edit is stored, tab two's is still on its canvas.
  const stored = await fetchGraph(request, id);
  expect(stored.graph.nodes.map((node) => node.label)).toContain("Quant analyst");
  expect(stored.graph.nodes.map((node) => node.label)).not.toContain("Web researcher");
  await expect(second.node("executor", "Web researcher")).toBeVisible();

  // Reloading takes the latest version.
  await alert.getByRole("button", { name: "Reload latest (discard mine)" }).click();
  await expect(second.node("executor", "Quant analyst")).toBeVisible();
  await expect(second.node("executor", "Researcher")).toBeVisible();
  await expect(alert).toBeHidden();
  await second.expectSaved();

  // And editing goes on from there.
  await second.select("executor", "Researcher");
  await second.setLabel("Web researcher");
  await second.expectSaved();
  expect((await fetchGraph(request, id)).graph.nodes.map((node) => node.label)).toEqual(
    expect.arrayContaining(["Quant analyst", "Web researcher"]),
  );
});

test("keeping my version overwrites the other tab's save on purpose", async ({ context, request }) => {
  const id = await createGraph(request, "Overwrite", { template: "research-review" });
  const first = new EditorPage(await context.newPage());
  const second = new EditorPage(await context.newPage());
  await first.goto(id);
  await second.goto(id);

  await first.select("executor", "Analyst");
  await first.setLabel("Theirs");
  await first.expectSaved();

  await second.select("executor", "Analyst");
  await second.setLabel("Mine");
  const alert = second.page.getByRole("alert").filter({ hasText: "changed somewhere else" });
  await alert.getByRole("button", { name: "Keep mine (overwrite theirs)" }).click();
  await second.expectSaved();
  const labels = (await fetchGraph(request, id)).graph.nodes.map((node) => node.label);
  expect(labels).toContain("Mine");
  expect(labels).not.toContain("Theirs");
});
