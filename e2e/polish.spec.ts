import { expect, test } from "@playwright/test";
import { newAccount, signedInContext } from "./fixtures/accounts";
import { overlaps, rectOf } from "./pages/canvas-geometry";
import { createGraph, EditorPage } from "./pages/editor-page";
import { HomePage } from "./pages/home-page";
import { MembersPage } from "./pages/members-page";
import { ApiKeysSettingsPage } from "./pages/settings-pages";

/** "Jan 5, 2026, 3:04 PM": the one date format (Chromium may put a narrow space before PM). */
const DATE_TIME = /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M$/;

test("the palette names the key that adds a node", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.goto(await createGraph(request, "Palette hint", { template: "research-review" }));
  await expect(editor.palette).toContainText(/press Enter/);
  // And the key does what it says.
  await editor.paletteButton("executor").focus();
  await page.keyboard.press("Enter");
  await expect(editor.node("executor", "Executor")).toBeVisible();
});

test("Temperature's help says once what leaving it empty does", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.goto(await createGraph(request, "Temperature help", { template: "research-review" }));
  await editor.select("executor", "Researcher");
  const temperature = editor.inspector.getByLabel("Temperature");
  await expect(temperature).toHaveAccessibleDescription(/^Sampling temperature/);
  const help = (await temperature.getAttribute("aria-describedby"))!;
  const text = (await page.locator(`[id="${help}"]`).textContent()) ?? "";
  expect(text.match(/leave (it )?empty/gi)).toHaveLength(1);
});

test("a refused connection's message goes with the next edit", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.goto(await createGraph(request, "Loop toast", { template: "research-review" }));
  await editor.connect("Reviewer", "Research planner");
  await expect(editor.canvasMessage).toContainText("That would make a loop");
  await editor.paletteButton("executor").click();
  await expect(editor.node("executor", "Executor")).toBeVisible();
  // Well before the message would time out on its own (6 s).
  await expect(editor.canvasMessage).toHaveText("", { timeout: 2_000 });
});

test("a selected node's toolbar covers none of its neighbours", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.goto(await createGraph(request, "Node toolbar", { template: "research-review" }));
  // Analyst sits right under Researcher: a toolbar above Analyst would cover Researcher's card.
  await editor.select("executor", "Analyst");
  await expect(editor.nodeActions).toBeVisible();
  const toolbar = await rectOf(editor.nodeActions);
  for (const [role, label] of [["executor", "Researcher"], ["planner", "Research planner"], ["reviewer", "Reviewer"]] as const) {
    expect(overlaps(toolbar, await rectOf(editor.node(role, label))), `covers ${label}`).toBe(false);
  }
  await editor.nodeActions.getByRole("button", { name: "Duplicate" }).click();
  await expect(editor.node("executor", "Analyst 2")).toBeVisible();
});

test("the launcher's 3× faster asks the simulator for speed 3", async ({ page, request }) => {
  const editor = new EditorPage(page);
  await editor.goto(await createGraph(request, "Pace", { template: "research-review" }));
  await editor.button(/^Run$/).click();
  const dialog = page.getByRole("dialog", { name: "Run this graph" });
  await dialog.getByLabel("Task").fill("Compare two message queues.");
  await dialog.getByLabel("Simulator pace").selectOption({ label: "3× faster" });
  const started = page.waitForRequest((r) => r.method() === "POST" && /\/api\/v1\/graphs\/[^/]+\/runs$/.test(r.url()));
  await dialog.getByRole("button", { name: "Start run" }).click();
  expect((await started).postDataJSON().simulation).toEqual({ speed: 3 });
});

test("members, invitations, API keys and graphs show one date format, under one Members heading", async ({ browser, baseURL }) => {
  const context = await signedInContext(browser, baseURL!, newAccount("Dana Dates"));
  expect((await context.request.post("/api/v1/workspaces", { data: { name: "Date lab" } })).status()).toBe(201);
  await createGraph(context.request, "Dated graph", { template: "research-review" });
  const page = await context.newPage();

  const home = new HomePage(page);
  await home.goto();
  await expect(home.graphRow("Dated graph").locator("time")).toHaveText(DATE_TIME);

  const members = new MembersPage(page);
  await members.goto();
  await expect(page.getByRole("heading", { name: "Members" })).toHaveCount(1);
  await expect(members.members.getByRole("listitem").locator("time")).toHaveText(DATE_TIME);
  const link = await members.invite("editor");
  const created = page.getByRole("table", { name: "Invitation links" }).getByRole("row").nth(1).getByRole("cell").nth(1);
  await expect(created).toHaveText(DATE_TIME);

  const keys = new ApiKeysSettingsPage(page);
  await keys.goto();
  await keys.create("Date bot");
  await expect(page.getByRole("row", { name: /Date bot/ }).getByRole("cell").nth(1)).toHaveText(DATE_TIME);

  // Whoever opens an editor invitation is invited "as an editor".
  const invitee = await signedInContext(browser, baseURL!, newAccount("Ivy Invitee"));
  const invited = await invitee.newPage();
  await invited.goto(link);
  await expect(invited.getByRole("heading", { name: "Join Date lab" })).toBeVisible();
  await expect(invited.getByRole("main")).toContainText("as an editor.");
  await invitee.close();
  await context.close();
});
