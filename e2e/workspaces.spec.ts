import { expect, test, type Browser, type Page } from "@playwright/test";
import { newAccount } from "./fixtures/accounts";
import { AuthPage } from "./pages/auth-page";
import { HomePage } from "./pages/home-page";
import { MembersPage } from "./pages/members-page";

async function freshPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: undefined });
  return context.newPage();
}

test("accounts, a workspace of one's own, invitations by link and a viewer's read-only access", async ({ browser, baseURL }) => {
  const ada = newAccount("Ada Owner");
  const vic = newAccount("Vic Viewer");
  const owner = await freshPage(browser, baseURL);
  const home = new HomePage(owner);
  const members = new MembersPage(owner);
  let graphUrl = "";
  let viewerLink = "";
  let spareLink = "";

  await test.step("a new account signs up and lands on workspace creation", async () => {
    await owner.goto("/");
    await expect(owner).toHaveURL(/\/sign-in\?next=%2F$/);
    await owner.getByRole("link", { name: "Create one" }).click();
    await new AuthPage(owner).signUp(ada);
    await expect(owner.getByRole("heading", { name: "Create a workspace" })).toBeVisible();
    await owner.getByLabel("Workspace name").fill("Ada's lab");
    await owner.getByRole("button", { name: "Create workspace" }).click();
    await expect(owner.getByRole("heading", { level: 1, name: "Graphs" })).toBeVisible();
    await expect(owner.getByRole("button", { name: "Workspace: Ada's lab" })).toBeVisible();
  });

  await test.step("the owner creates a graph and two invitation links", async () => {
    await home.createGraph("Lab research", "Research and review");
    graphUrl = new URL(owner.url()).pathname;
    await members.goto();
    viewerLink = await members.invite("viewer");
    spareLink = await members.invite("editor");
    expect(spareLink).not.toBe(viewerLink);
  });

  const viewer = await freshPage(browser, baseURL);
  await test.step("a second person signs up through the invitation link and joins as a viewer", async () => {
    await viewer.goto(viewerLink);
    await expect(viewer.getByRole("heading", { name: "Join Ada's lab" })).toBeVisible();
    await viewer.getByRole("link", { name: "Create an account" }).click();
    await new AuthPage(viewer).signUp(vic);
    await viewer.getByRole("button", { name: "Join Ada's lab as viewer" }).click();
    await expect(viewer.getByRole("heading", { level: 1, name: "Graphs" })).toBeVisible();
    await expect(new HomePage(viewer).graphLink("Lab research")).toBeVisible();
    await expect(viewer.getByRole("button", { name: "New graph" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Rename Lab research" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Delete Lab research" })).toHaveCount(0);
  });

  await test.step("the viewer opens the graph read-only, and the API refuses their writes", async () => {
    await new HomePage(viewer).graphLink("Lab research").click();
    await expect(viewer.getByText("View only", { exact: true })).toBeVisible();
    await expect(viewer.getByRole("button", { name: "Run", exact: true })).toHaveCount(0);
    await expect(viewer.getByRole("textbox", { name: "Graph name" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Add planner" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Undo" })).toHaveCount(0);
    const inspector = viewer.getByRole("complementary", { name: "Inspector" });
    await expect(inspector.getByRole("spinbutton").first()).toBeDisabled();

    const id = graphUrl.split("/").pop()!;
    const save = await viewer.request.put(`/api/v1/graphs/${id}`, { data: { name: "Vandalised" } });
    expect(save.status()).toBe(403);
    const run = await viewer.request.post(`/api/v1/graphs/${id}/runs`, { data: { input: "Go" } });
    expect(run.status()).toBe(403);
    const create = await viewer.request.post("/api/v1/graphs", { data: { name: "Mine", graph: { schemaVersion: 1, nodes: [], edges: [] } } });
    expect(create.status()).toBe(403);
  });

  await test.step("the owner makes the viewer an editor, who can then edit and run", async () => {
    await members.goto();
    await expect(members.roleOf(vic.name)).toHaveValue("viewer");
    await members.roleOf(vic.name).selectOption("editor");
    await expect(members.roleOf(vic.name)).toHaveValue("editor");
    await viewer.reload();
    await expect(viewer.getByRole("textbox", { name: "Graph name" })).toBeVisible();
    await expect(viewer.getByRole("button", { name: "Run", exact: true })).toBeVisible();
    await expect(viewer.getByText("View only", { exact: true })).toHaveCount(0);
  });

  await test.step("the last owner can neither leave nor step down", async () => {
    await owner.getByRole("button", { name: "Leave workspace" }).click();
    await owner.getByRole("dialog", { name: "Leave this workspace?" }).getByRole("button", { name: "Leave workspace" }).click();
    await expect(members.alert).toContainText("at least one owner");
    await members.roleOf(ada.name).selectOption("viewer");
    await expect(members.alert).toContainText("at least one owner");
    await owner.reload();
    await expect(members.roleOf(ada.name)).toHaveValue("owner");
  });

  await test.step("a revoked link says it is no longer valid", async () => {
    await owner.getByRole("button", { name: /^Revoke editor invitation/ }).click();
    await expect(owner.getByRole("cell", { name: "Revoked" })).toBeVisible();
    await viewer.goto(spareLink);
    await expect(viewer.getByRole("heading", { name: "This invitation link is no longer valid" })).toBeVisible();
    await expect(viewer.getByText(/revoked it/)).toBeVisible();
    await viewer.goto(viewerLink);
    await expect(viewer.getByText(/already used/)).toBeVisible();
  });

  await test.step("the workspace switcher lists my workspaces with my role", async () => {
    await viewer.goto("/");
    await viewer.getByRole("button", { name: "Workspace: Ada's lab" }).click();
    const list = viewer.getByRole("list", { name: "Your workspaces" });
    await expect(list.getByRole("button", { name: /Ada's lab\s*editor/ })).toBeDisabled();
  });

  await test.step("signing out, then in with a wrong password, then the right one", async () => {
    await owner.getByRole("button", { name: "Account" }).click();
    await owner.getByRole("button", { name: "Sign out" }).click();
    await expect(owner).toHaveURL(/\/sign-in$/);
    await owner.goto(graphUrl);
    await expect(owner).toHaveURL(/\/sign-in\?next=/);
    const auth = new AuthPage(owner);
    await auth.signIn(ada.email, "not-the-password");
    await expect(auth.error).toHaveText("That email and password do not match an account.");
    await auth.signIn(ada.email, ada.password);
    await expect(owner).toHaveURL(new RegExp(`${graphUrl}$`));
  });

  await owner.context().close();
  await viewer.context().close();
});
