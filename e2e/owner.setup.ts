import { test as setup } from "@playwright/test";
import { signUpThroughApi } from "./fixtures/accounts";
import { OWNER, OWNER_STATE } from "./fixtures/paths";

// The first account on a fresh install owns the default workspace.
setup("the first account signs up and owns the default workspace", async ({ request }) => {
  await signUpThroughApi(request, OWNER);
  await request.storageState({ path: OWNER_STATE });
});
