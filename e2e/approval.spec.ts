import { expect, test } from "@playwright/test";
import { ApprovalPanel, createGatedGraph } from "./pages/approval-panel";
import { RunPage, startRun } from "./pages/run-page";

const TASK = "Announce the new approval step to our customers.";

test("a run pauses at an approval step; the editor sees what waits and approves an edited text, which the next node receives", async ({ page, request }) => {
  const graphId = await createGatedGraph(request, "Gated announcement");
  const runId = await startRun(request, graphId, TASK, 0);
  const run = new RunPage(page);
  const approval = new ApprovalPanel(page);
  await run.goto(runId);

  await expect(run.status).toHaveText("Waiting for approval");
  await expect(approval.step("Sign-off")).toBeVisible();
  await expect(approval.step("Sign-off")).toContainText("Check the announcement before it goes out.");
  const drafted = (await (await request.get(`/api/v1/runs/${runId}`)).json()).nodes.find((n: { nodeId: string }) => n.nodeId === "draft").output as string;
  await expect(approval.upstreamOutput("Sign-off", "Drafter")).toContainText(drafted.split("\n")[0].slice(0, 40));
  await expect(approval.text("Sign-off")).toHaveValue(drafted);
  await expect(approval.figure("Spent so far")).toHaveText(/\$\d/);
  await expect(approval.figure(/Estimate for the rest \(1 node\)/)).toHaveText(/\$\d/);
  await expect(run.nodeStatus("Sign-off")).toHaveText("Waiting for approval");
  await expect(run.nodeStatus("Publisher")).toHaveText("Waiting");

  // The wait shows on the graph list and in the run history.
  await expect(run.history.getByLabel("Status: Waiting for approval").first()).toBeVisible();
  const list = await page.context().newPage();
  await list.goto("/");
  await expect(list.getByRole("link", { name: "1 run waiting for approval" })).toBeVisible();

  // The share page shows the same wait, read-only, and follows the run live.
  const shared = await request.post(`/api/v1/runs/${runId}/shares`, { data: { hidePrompts: false } });
  expect(shared.status()).toBe(201);
  const share = await page.context().newPage();
  await share.goto((await shared.json()).url);
  const sharedApproval = new ApprovalPanel(share);
  await expect(sharedApproval.step("Sign-off")).toBeVisible();
  await expect(sharedApproval.region.getByRole("button")).toHaveCount(0);
  await expect(sharedApproval.region.getByRole("textbox")).toHaveCount(0);

  const edited = "Edited by a person: the approval step ships on Tuesday.";
  await approval.approveWithEdit("Sign-off", edited);
  await expect(run.status).toHaveText("Succeeded", { timeout: 30_000 });
  await expect(approval.region).toHaveCount(0);
  await expect(share.getByLabel("Status: Succeeded")).toBeVisible({ timeout: 30_000 });
  await expect(sharedApproval.region).toHaveCount(0);

  // The next node's prompt carries the edited text, not the draft.
  await run.openTab("Transcript");
  await run.selectNode("Publisher");
  await expect(run.prompt).toContainText(edited);
  await run.selectNode("Sign-off");
  await expect(run.transcript.getByRole("region", { name: "Decision" })).toContainText("Approved with edits");
  const trace = await (await request.get(`/api/v1/runs/${runId}/trace`)).json();
  const decision = trace.events.find((e: { type: string }) => e.type === "approval.decided");
  expect(decision).toMatchObject({ decision: "approve", text: edited, edited: true, timedOut: false });
  // Deciding again is refused.
  expect((await request.post(`/api/v1/runs/${runId}/approvals/gate`, { data: { decision: "approve" } })).status()).toBe(409);
});

test("rejecting with a reason ends the run failed with that reason; nothing downstream runs", async ({ page, request }) => {
  const graphId = await createGatedGraph(request, "Gated, rejected");
  const runId = await startRun(request, graphId, TASK, 0);
  const run = new RunPage(page);
  const approval = new ApprovalPanel(page);
  await run.goto(runId);
  await expect(approval.step("Sign-off")).toBeVisible();

  await approval.step("Sign-off").getByRole("button", { name: "Reject" }).click();
  await expect(approval.step("Sign-off").getByRole("alert")).toContainText("Give a reason");
  await approval.reject("Sign-off", "The tone is wrong for customers.");
  await expect(run.status).toHaveText("Failed", { timeout: 30_000 });
  await expect(page.getByText(/Rejected by .+: The tone is wrong for customers\./).first()).toBeVisible();
  await expect(run.nodeStatus("Publisher")).toHaveText("Skipped");
});

test("an approval step with a timeout decides itself once the wait is over", async ({ page, request }) => {
  // Long enough for the page to show the wait first; the sweep runs every third of the 15 s lease.
  const graphId = await createGatedGraph(request, "Gated, timing out", { timeoutSeconds: 8, onTimeout: "approve" });
  const runId = await startRun(request, graphId, TASK, 0);
  const run = new RunPage(page);
  const approval = new ApprovalPanel(page);
  await run.goto(runId);
  await expect(approval.step("Sign-off").getByText(/If nobody decides by .+, it is approved as it is\./)).toBeVisible();
  await expect(run.status).toHaveText("Succeeded", { timeout: 40_000 });
  const trace = await (await request.get(`/api/v1/runs/${runId}/trace`)).json();
  expect(trace.events.find((e: { type: string }) => e.type === "approval.decided")).toMatchObject({ decision: "approve", timedOut: true, by: null });
});
