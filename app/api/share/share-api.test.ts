import { beforeAll, describe, expect, it } from "vitest";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db, DEFAULT_WORKSPACE_SLUG } from "@/lib/db";
import type { RunEvent } from "@/lib/engine/events";
import { systemPrompt } from "@/lib/engine/prompts";
import { TEMPLATES } from "@/lib/graph";
import { runFinished, startRun } from "@/lib/runs";
import { GET as listLinks, POST as createLink } from "../v1/runs/[id]/shares/route";
import { DELETE as revokeLink } from "../v1/shares/[id]/route";
import { GET as getShared } from "./[token]/route";
import { GET as getSharedEvents } from "./[token]/events/route";
import { GET as getPrivateEvents } from "../v1/runs/[id]/events/route";

const PROVIDER_KEY = "enc-provider-key-must-not-leak";
const PROVIDER_URL = "https://provider-base-url-must-not-leak.example";

let ownerCookie = "";
let viewerCookie = "";
const owner = requestsAs(() => ownerCookie);
const viewer = requestsAs(() => viewerCookie);
let workspaceId = "";
let runId = "";
// Quotes and a line break, so the task also shows up JSON-escaped wherever it is quoted.
const TASK = 'Should the "Oakridge" lending library add e-bikes to its catalogue?\nWeigh upkeep, insurance and likely demand.';
let hiddenRunId = "";

const params = <P>(value: P) => ({ params: Promise.resolve(value) });
const create = (as: typeof owner, id: string, body: unknown) =>
  createLink(as(`http://tierflow.test/api/v1/runs/${id}/shares`, { method: "POST", body: JSON.stringify(body) }), params({ id }));
const shared = (token: string) => getShared(new Request(`http://tierflow.test/api/share/${token}`), params({ token }));
const sharedEvents = (token: string, query = "") => getSharedEvents(new Request(`http://tierflow.test/api/share/${token}/events${query}`), params({ token }));

const sseEvents = (text: string): RunEvent[] =>
  text
    .split("\n\n")
    .filter((block) => block.startsWith("id: "))
    .map((block) => JSON.parse(/^data: (.*)$/m.exec(block)![1]) as RunEvent);

/** Every string in a JSON value, with where it sits. */
function* stringLeaves(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* stringLeaves(item, `${path}[${i}]`);
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) yield* stringLeaves(item, `${path}.${key}`);
}

/**
 * The forms a hidden text could leak in: whole, trimmed, JSON-escaped (inside a streamed JSON
 * answer or tool arguments) and each of its sentences and lines (a prompt quoted in part).
 */
function leakForms(texts: readonly string[]): string[] {
  const forms = texts.flatMap((text) => [text, text.trim(), JSON.stringify(text.trim()).slice(1, -1), ...text.split(/(?<=[.!?])\s+|\n+/)]);
  return [...new Set(forms.map((form) => form.trim()).filter((form) => form.length >= 24))];
}

/** Where in `payloads` a form of a hidden text appears: `[]` when nothing leaks. */
function leaks(payloads: Record<string, unknown>, hidden: readonly string[]): string[] {
  const forms = leakForms(hidden);
  const found: string[] = [];
  for (const [path, text] of stringLeaves(payloads, "$")) {
    const form = forms.find((f) => text.includes(f));
    if (form) found.push(`${path} contains ${JSON.stringify(form.slice(0, 60))}`);
  }
  return found;
}

beforeAll(async () => {
  ownerCookie = (await signUpForTest({ name: "Share owner" })).cookie;
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
  const reader = await signUpForTest({ name: "Share viewer" });
  await db.membership.create({ data: { workspaceId, userId: reader.userId, role: "viewer" } });
  viewerCookie = reader.cookie;
  const graph = await db.graph.create({ data: { workspaceId, name: "Shared", document: TEMPLATES[0].graph as object } });
  const run = await startRun(workspaceId, graph.id, { input: "Share me", simulation: { speed: 0 } });
  await runFinished(run.id);
  runId = run.id;
  const research = await db.graph.create({ data: { workspaceId, name: "Hidden prompts", document: TEMPLATES.find((t) => t.id === "research-review")!.graph as object } });
  hiddenRunId = (await startRun(workspaceId, research.id, { input: TASK, simulation: { speed: 0 } })).id;
  await runFinished(hiddenRunId);
  // Set once the run is done, so it runs on the simulator whatever the key would do.
  await db.modelProvider.create({ data: { workspaceId, name: "Leaky", kind: "openai-compatible", keyEncrypted: PROVIDER_KEY, baseUrl: PROVIDER_URL, isDefault: true } });
});

describe("share API", () => {
  it("creates a link with its URL from the request origin, and lists it without a token", async () => {
    const response = await create(owner, runId, { hidePrompts: true });
    expect(response.status).toBe(201);
    const link = await response.json();
    expect(link).toMatchObject({ hidePrompts: true, runId });
    expect(link.url).toBe(`http://tierflow.test/share/${link.token}`);
    expect(typeof link.createdAt).toBe("string");

    const listed = await (await listLinks(viewer(`http://tierflow.test/api/v1/runs/${runId}/shares`), params({ id: runId }))).json();
    expect(listed.links.map((l: { id: string }) => l.id)).toContain(link.id);
    expect(JSON.stringify(listed)).not.toContain(link.token);
  });

  it("lets viewers see links but not create or revoke them", async () => {
    expect((await create(viewer, runId, {})).status).toBe(403);
    const link = await (await create(owner, runId, {})).json();
    const refused = await revokeLink(viewer(`http://tierflow.test/api/v1/shares/${link.id}`, { method: "DELETE" }), params({ id: link.id }));
    expect(refused.status).toBe(403);
    expect((await shared(link.token)).status).toBe(200);
  });

  it("serves the run publicly, unindexed, and 404s once revoked", async () => {
    const link = await (await create(owner, runId, {})).json();
    const page = await shared(link.token);
    expect(page.status).toBe(200);
    expect(page.headers.get("x-robots-tag")).toContain("noindex");
    expect((await page.json()).status).toBe("succeeded");
    const stream = await sharedEvents(link.token);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    expect(stream.headers.get("x-robots-tag")).toContain("noindex");
    expect(await stream.text()).toContain('"type":"run.completed"');

    const revoked = await revokeLink(owner(`http://tierflow.test/api/v1/shares/${link.id}`, { method: "DELETE" }), params({ id: link.id }));
    expect(revoked.status).toBe(204);
    for (const response of [await shared(link.token), await sharedEvents(link.token), await shared("tf_share_nope")]) {
      expect(response.status).toBe(404);
      expect(response.headers.get("x-robots-tag")).toContain("noindex");
    }
    expect(await (await shared(link.token)).json()).toEqual(await (await shared("tf_share_nope")).json());
    const again = await revokeLink(owner(`http://tierflow.test/api/v1/shares/${link.id}`, { method: "DELETE" }), params({ id: link.id }));
    expect(again.status).toBe(404);
  });

  it("never puts the workspace's provider secrets in a share payload", async () => {
    for (const hidePrompts of [false, true]) {
      const created = await create(owner, runId, { hidePrompts });
      const createdText = await created.text();
      const { token } = JSON.parse(createdText) as { token: string };
      const payloads = [
        createdText,
        await (await listLinks(owner(`http://tierflow.test/api/v1/runs/${runId}/shares`), params({ id: runId }))).text(),
        await (await shared(token)).text(),
        await (await sharedEvents(token)).text(),
      ];
      for (const payload of payloads) {
        expect(payload).not.toContain(PROVIDER_KEY);
        expect(payload).not.toContain(PROVIDER_URL);
        expect(payload).not.toMatch(/providerKeyEncrypted|providerBaseUrl|workspaceId/);
      }
    }
  });

  describe("with prompts hidden", () => {
    const template = TEMPLATES.find((t) => t.id === "research-review")!;
    let full: RunEvent[] = [];
    let instructions: string[] = [];
    let subtaskInstructions: string[] = [];

    beforeAll(async () => {
      const events = await getPrivateEvents(owner(`http://tierflow.test/api/v1/runs/${hiddenRunId}/events`), params({ id: hiddenRunId }));
      full = sseEvents(await events.text());
      instructions = template.graph.nodes.flatMap((node) => [node.instructions, systemPrompt(node)]);
      subtaskInstructions = full.flatMap((e) => (e.type === "node.completed" && e.plan ? e.plan.map((s) => s.instructions) : []));
    });

    /** What the share routes answer for a link: the run, its full stream and a stream resumed after the plan. */
    async function sharedPayloads(token: string) {
      const planSeq = full.find((e) => e.type === "node.completed" && e.plan)!.seq;
      const run = await (await shared(token)).json();
      const events = sseEvents(await (await sharedEvents(token)).text());
      const resumed = sseEvents(await (await sharedEvents(token, `?after=${planSeq}`)).text());
      return { run, events, resumed };
    }

    it("the run really has a task, instructions and subtask instructions to hide", () => {
      expect(subtaskInstructions.length).toBeGreaterThan(1);
      expect(instructions.every((text) => text.length > 24)).toBe(true);
      // The private stream carries them, in the forms the check looks for.
      expect(leaks({ full }, [TASK]).length).toBeGreaterThan(0);
      expect(leaks({ full }, subtaskInstructions).some((where) => where.includes(".plan["))).toBe(true);
      expect(leaks({ full }, subtaskInstructions).some((where) => where.includes(".text"))).toBe(true);
      expect(leaks({ full }, instructions).length).toBeGreaterThan(0);
    });

    it("no field of any event or of the run holds the task, an instruction or a subtask instruction", async () => {
      const link = await (await create(owner, hiddenRunId, { hidePrompts: true })).json();
      expect(link).toMatchObject({ hidePrompts: true, showTask: false });
      const payloads = await sharedPayloads(link.token);
      expect(leaks(payloads, [TASK, ...instructions, ...subtaskInstructions])).toEqual([]);

      // What is left is still the whole run: every event, the plan's titles, the answers.
      expect(payloads.run).toMatchObject({ hidePrompts: true, hideTask: true, input: "", status: "succeeded" });
      expect(payloads.events.map((e) => e.seq)).toEqual(full.map((e) => e.seq));
      expect(payloads.resumed[0].seq).toBeGreaterThan(1);
      const plan = payloads.events.find((e) => e.type === "node.completed" && e.plan);
      expect(plan?.type === "node.completed" && plan.plan?.map((s) => s.title)).toEqual(
        full.flatMap((e) => (e.type === "node.completed" && e.plan ? e.plan.map((s) => s.title) : [])),
      );
      expect(payloads.events.at(-1)).toEqual(full.at(-1));
      const planner = payloads.run.nodes.find((n: { role: string }) => n.role === "planner");
      expect(planner.output).toContain("→ Researcher");
    });

    it("with \"show the task\", shows the task and still hides every instruction", async () => {
      const link = await (await create(owner, hiddenRunId, { hidePrompts: true, showTask: true })).json();
      expect(link).toMatchObject({ hidePrompts: true, showTask: true });
      const payloads = await sharedPayloads(link.token);
      expect(leaks(payloads, [...instructions, ...subtaskInstructions])).toEqual([]);
      expect(payloads.run).toMatchObject({ hideTask: false, input: TASK });
      expect(payloads.events[0]).toMatchObject({ type: "run.started", input: TASK });
      expect(payloads.events.flatMap((e) => (e.type === "node.started" ? e.messages : []))).toEqual([]);
    });

    it("without hiding, the link shows everything the run page does", async () => {
      const link = await (await create(owner, hiddenRunId, {})).json();
      const payloads = await sharedPayloads(link.token);
      expect(payloads.events).toEqual(full);
      expect(payloads.run).toMatchObject({ hidePrompts: false, hideTask: false, input: TASK });
    });
  });
});
