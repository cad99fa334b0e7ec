import { expect, test } from "@playwright/test";
import { newAccount, signedInContext } from "./fixtures/accounts";
import { AccountPage, GeneralSettingsPage } from "./pages/account-page";
import { AuthPage } from "./pages/auth-page";
import { HomePage } from "./pages/home-page";
import { createGraphFromTemplate } from "./pages/run-page";

test("the account page changes the name and the password; signing in then takes the new one only", async ({ browser, baseURL }) => {
  const person = newAccount("Nora Name");
  const context = await signedInContext(browser, baseURL!, person);
  expect((await context.request.post("/api/v1/workspaces", { data: { name: "Nora's lab" } })).status()).toBe(201);
  const page = await context.newPage();
  const account = new AccountPage(page);
  await page.goto("/");
  await account.openFromUserMenu();

  await account.changeName("Nora Renamed");
  await page.reload();
  await expect(page.getByRole("form", { name: "Display name" }).getByLabel("Name")).toHaveValue("Nora Renamed");
  await page.getByRole("button", { name: "Account" }).click();
  await expect(page.getByRole("group", { name: "Account" }).getByText("Nora Renamed")).toBeVisible();
  await page.keyboard.press("Escape");

  await account.submitPassword("not my password", "a brand new password");
  await expect(account.passwordAlert).toHaveText("Your current password is not correct.");
  await account.submitPassword(person.password, "a brand new password", "a different one");
  await expect(account.passwordAlert).toHaveText("The new passwords do not match.");
  await account.submitPassword(person.password, "a brand new password");
  await expect(account.passwordChanged).toContainText("Password changed");
  // This browser stays signed in.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();

  await account.signOut();
  const auth = new AuthPage(page);
  await auth.signIn(person.email, person.password);
  await expect(auth.error).toHaveText("That email and password do not match an account.");
  await auth.signIn(person.email, "a brand new password");
  await expect(page.getByRole("heading", { level: 1, name: "Graphs" })).toBeVisible();
  await context.close();
});

test("an owner deletes a workspace after typing its name; its graphs are gone", async ({ browser, baseURL }) => {
  const context = await signedInContext(browser, baseURL!, newAccount("Dora Deleter"));
  expect((await context.request.post("/api/v1/workspaces", { data: { name: "Keeper" } })).status()).toBe(201);
  expect((await context.request.post("/api/v1/workspaces", { data: { name: "Doomed lab" } })).status()).toBe(201);
  const graphId = await createGraphFromTemplate(context.request, "triage-at-scale", "Doomed graph");
  const page = await context.newPage();
  const settings = new GeneralSettingsPage(page);
  await settings.goto();

  const { dialog, confirmField, deleteButton } = await settings.openDeletion("Doomed lab");
  await expect(deleteButton).toBeDisabled();
  await confirmField.fill("Doomed");
  await expect(deleteButton).toBeDisabled();
  await confirmField.fill("Doomed lab");
  await deleteButton.click();
  await expect(dialog).toBeHidden();

  // The owner continues in their other workspace; the deleted one and its graph are gone.
  const home = new HomePage(page);
  await expect(page.getByRole("heading", { level: 1, name: "Graphs" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Workspace: Keeper" })).toBeVisible();
  await expect(home.graphLink("Doomed graph")).toHaveCount(0);
  expect((await page.request.get(`/api/v1/graphs/${graphId}`)).status()).toBe(404);
  expect((await page.goto(`/graphs/${graphId}`))?.status()).toBe(404);
  const { workspaces } = await (await page.request.get("/api/v1/workspaces")).json();
  expect(workspaces.map((w: { name: string }) => w.name)).toEqual(["Keeper"]);

  // The last workspace may go too: then the app asks for a new one.
  await settings.goto();
  const last = await settings.openDeletion("Keeper");
  await expect(last.dialog).toContainText("your only workspace");
  await last.confirmField.fill("Keeper");
  await last.deleteButton.click();
  await expect(page.getByRole("heading", { name: "Create a workspace" })).toBeVisible();
  await context.close();
});
