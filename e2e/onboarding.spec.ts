import { expect, test } from "@playwright/test";
import { newAccount, signedInContext } from "./fixtures/accounts";
import { rectOf } from "./pages/canvas-geometry";
import { createGraph, EditorPage } from "./pages/editor-page";
import { HomePage } from "./pages/home-page";

test("a new workspace's empty graph list offers the templates, and picking one fills in its name", async ({ browser, baseURL }) => {
  const context = await signedInContext(browser, baseURL!, newAccount("Nina Newcomer"));
  expect((await context.request.post("/api/v1/workspaces", { data: { name: "Nina's lab" } })).status()).toBe(201);
  const page = await context.newPage();
  const home = new HomePage(page);
  await home.goto();

  // The avatar shows the person's initials.
  await expect(page.getByRole("button", { name: "Account" })).toContainText("NN");

  const templates = home.graphs.getByRole("list", { name: "Templates" });
  for (const name of ["Blank", "Codebase documentation", "Research and review", "Triage at scale"]) {
    await expect(templates.getByRole("heading", { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  await templates.getByRole("button", { name: "Start from Research and review" }).click();
  const dialog = page.getByRole("dialog", { name: "New graph" });
  await expect(dialog.getByRole("radio", { name: /^Research and review/ })).toBeChecked();
  await expect(dialog.getByLabel("Name")).toHaveValue("Research and review");

  // Switching template follows with its name; a name of one's own stays put.
  await dialog.getByRole("radio", { name: /^Triage at scale/ }).check();
  await expect(dialog.getByLabel("Name")).toHaveValue("Triage at scale");
  await dialog.getByLabel("Name").fill("Support inbox");
  await dialog.getByRole("radio", { name: /^Codebase documentation/ }).check();
  await expect(dialog.getByLabel("Name")).toHaveValue("Support inbox");
  await dialog.getByRole("button", { name: "Create graph" }).click();
  await expect(page.getByRole("textbox", { name: "Graph name" })).toHaveValue("Support inbox");
  await expect(new EditorPage(page).node("reviewer", "Documentation writer")).toBeVisible();
  await context.close();
});

test("the New graph dialog fills in a template's name", async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await page.getByRole("button", { name: "New graph" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New graph" });
  await expect(dialog.getByLabel("Name")).toHaveValue("");
  await dialog.getByRole("radio", { name: /^Research and review/ }).check();
  await expect(dialog.getByLabel("Name")).toHaveValue("Research and review");
  await dialog.getByRole("radio", { name: /^Blank/ }).check();
  await expect(dialog.getByLabel("Name")).toHaveValue("");
});

test("the app has a favicon", async ({ page, request }) => {
  await new HomePage(page).goto();
  const href = await page.locator('head link[rel="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});

test.describe("at 1,024 × 768", () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test("the editor's side panels start collapsed, leaving the canvas the window, and open on demand", async ({ page, request }) => {
    const editor = new EditorPage(page);
    await editor.goto(await createGraph(request, "Small screen", { template: "research-review" }));
    await expect(editor.palette).toBeHidden();
    await expect(editor.inspector).toBeHidden();
    expect((await rectOf(editor.canvas)).width).toBeGreaterThan(900);

    await editor.panelToggle("Show inspector").click();
    await editor.select("executor", "Analyst");
    await editor.setTier("nano");
    await editor.panelToggle("Hide inspector").click();
    await expect(editor.inspector).toBeHidden();

    await editor.panelToggle("Show palette").click();
    await expect(editor.palette).toBeVisible();
    await editor.paletteButton("planner").click();
    await expect(editor.node("planner", "Planner")).toBeVisible();
    await editor.panelToggle("Hide palette").click();
    await expect(editor.palette).toBeHidden();
  });
});

test("on a wide window the editor's side panels start open and can be hidden", async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const editor = new EditorPage(page);
  await editor.goto(await createGraph(request, "Wide screen", { template: "research-review" }));
  await expect(editor.palette).toBeVisible();
  await expect(editor.inspector).toBeVisible();
  const before = (await rectOf(editor.canvas)).width;
  await editor.panelToggle("Hide palette").click();
  await editor.panelToggle("Hide inspector").click();
  await expect.poll(async () => (await rectOf(editor.canvas)).width).toBeGreaterThan(before + 400);
});
