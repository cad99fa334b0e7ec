import { expect, test } from "@playwright/test";
import { HomePage } from "./pages/home-page";

test("the graph list shows its empty state, then a graph created through the API", async ({ page, request }) => {
  // Start from an empty workspace whatever ran before.
  const existing = await (await request.get("/api/v1/graphs")).json();
  for (const graph of existing.graphs) await request.delete(`/api/v1/graphs/${graph.id}`);

  const home = new HomePage(page);
  await home.goto();
  await expect(home.graphs.getByRole("heading", { name: "No graphs yet" })).toBeVisible();
  await expect(page.getByText("Simulated models")).toBeVisible();

  const templates = await request.get("/api/v1/templates");
  expect(templates.ok()).toBe(true);
  const { templates: list } = await templates.json();
  const research = list.find((t: { id: string }) => t.id === "research-review");
  const created = await request.post("/api/v1/graphs", { data: { name: "Market research", graph: research.graph } });
  expect(created.status()).toBe(201);
  const graph = await created.json();
  expect(graph.graph.nodes).toHaveLength(research.graph.nodes.length);

  const fetched = await request.get(`/api/v1/graphs/${graph.id}`);
  expect((await fetched.json()).name).toBe("Market research");

  await page.reload();
  await expect(home.graphLink("Market research")).toBeVisible();
  await expect(home.graphs.getByText(`${research.graph.nodes.length} nodes`)).toBeVisible();
});
