import { expect, test } from "@playwright/test";
import { newAccount, signUpThroughApi } from "./fixtures/accounts";
import { AuthPage } from "./pages/auth-page";

test("failed sign-ins on one account make the next attempt wait, from whatever address it claims", async ({ browser, baseURL }) => {
  const account = newAccount("Guessed At");
  const owner = await browser.newContext({ baseURL, storageState: undefined });
  await signUpThroughApi(owner.request, account);
  await owner.close();

  const guesser = await browser.newContext({ baseURL, storageState: undefined });
  const page = await guesser.newPage();
  const auth = new AuthPage(page);
  await page.goto("/sign-in");
  for (let attempt = 1; attempt <= 5; attempt++) {
    // A new made-up client address every time: it buys the guesser nothing.
    await guesser.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${attempt}` });
    await auth.signIn(account.email, `wrong-${attempt}`);
    await expect(auth.error).toHaveText("That email and password do not match an account.");
  }

  await guesser.setExtraHTTPHeaders({ "x-forwarded-for": "198.51.100.99" });
  await auth.signIn(account.email, account.password);
  await expect(auth.error).toHaveText(/^Too many failed sign-ins for this account\. Try again in (30|29|28) seconds\.$/);
  await expect(page).toHaveURL(/\/sign-in/);

  const refused = await guesser.request.post("/api/auth/sign-in/email", { data: { email: account.email, password: account.password }, failOnStatusCode: false });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  await guesser.close();
});
