import { expect, test } from "@playwright/test";
import { createGraphFromTemplate, RunPage, startRun, waitForRunEnd } from "./pages/run-page";
import { ShareDialog } from "./pages/share-page";

let runId: string;

test.beforeAll(async ({ request }) => {
  const graphId = await createGraphFromTemplate(request, "research-review", "Research and review (links)");
  runId = await startRun(request, graphId, "Where should a share link point?", 0);
  await waitForRunEnd(request, runId);
});

test("a share link points at the host the app was reached on, not at localhost", async ({ page, baseURL }) => {
  // The server runs as `next start -H 127.0.0.1`: its request.url says "localhost".
  await new RunPage(page).goto(runId);
  const share = new ShareDialog(page);
  await share.open();
  const url = await share.createLink();
  expect(url.startsWith(`${baseURL}/share/tf_share_`)).toBe(true);
});

test("the API builds share links from the Host header, and ignores X-Forwarded-Host from an undeclared proxy", async ({ request }) => {
  const create = (headers: Record<string, string>) => request.post(`/api/v1/runs/${runId}/shares`, { data: {}, headers });
  const viaHost = await create({ host: "tierflow.example.test" });
  expect(viaHost.status()).toBe(201);
  expect((await viaHost.json()).url).toMatch(/^http:\/\/tierflow\.example\.test\/share\/tf_share_/);

  const spoofed = await create({ host: "tierflow.example.test", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
  expect((await spoofed.json()).url).toMatch(/^http:\/\/tierflow\.example\.test\/share\/tf_share_/);
});
