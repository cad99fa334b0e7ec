import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { stampPeerAddress } from "@/lib/auth/peer-address";
import { signUpForTest } from "@/lib/auth/testing";
import { db, DEFAULT_WORKSPACE_SLUG } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { runFinished, startRun } from "@/lib/runs";
import { POST as createInvitation } from "./invitations/route";
import { POST as createShareLink } from "./runs/[id]/shares/route";

// Requests as `next start -H 127.0.0.1` hands them over: request.url always says
// localhost, the Host header says what the browser asked for, and the socket is stamped.
let cookie = "";
let runId = "";
function post(path: string, headers: Record<string, string>, socket = "203.0.113.7", body: unknown = {}) {
  const bag = new Headers({ cookie, "content-type": "application/json", ...headers });
  stampPeerAddress(bag, socket);
  return new Request(`http://localhost:3000${path}`, { method: "POST", headers: bag, body: JSON.stringify(body) });
}
const shareLink = async (headers: Record<string, string>, socket?: string) => {
  const response = await createShareLink(post(`/api/v1/runs/${runId}/shares`, headers, socket), { params: Promise.resolve({ id: runId }) });
  return { status: response.status, body: (await response.json()) as { url?: string; token?: string } };
};
const invitation = async (headers: Record<string, string>) => {
  const response = await createInvitation(post("/api/v1/invitations", headers, undefined, { role: "viewer" }), { params: Promise.resolve({}) as Promise<Record<string, never>> });
  expect(response.status).toBe(201);
  return (await response.json()) as { url: string; token: string };
};

beforeAll(async () => {
  ({ cookie } = await signUpForTest({ name: "Link maker" }));
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
  const graph = await db.graph.create({ data: { workspaceId: workspace.id, name: "Linked", document: TEMPLATES[0].graph as object } });
  const run = await startRun(workspace.id, graph.id, { input: "Link me", simulation: { speed: 0 } });
  await runFinished(run.id);
  runId = run.id;
});

afterEach(() => {
  delete process.env.BETTER_AUTH_URL;
  delete process.env.TIERFLOW_TRUSTED_PROXIES;
});

describe("absolute URLs the API hands out", () => {
  it("use the host the request was addressed to, not request.url's localhost", async () => {
    const { status, body } = await shareLink({ host: "tierflow.example.test" });
    expect(status).toBe(201);
    expect(body.url).toBe(`http://tierflow.example.test/share/${body.token}`);
    const invite = await invitation({ host: "tierflow.example.test" });
    expect(invite.url).toBe(`http://tierflow.example.test/invite/${invite.token}`);
  });

  it("use the configured public URL when there is one", async () => {
    process.env.BETTER_AUTH_URL = "https://tierflow.example.com";
    const { body } = await shareLink({ host: "127.0.0.1:3000" });
    expect(body.url).toBe(`https://tierflow.example.com/share/${body.token}`);
    const invite = await invitation({ host: "127.0.0.1:3000" });
    expect(invite.url).toBe(`https://tierflow.example.com/invite/${invite.token}`);
  });

  it("take X-Forwarded-Host and -Proto from a declared proxy only", async () => {
    const forwarded = { host: "127.0.0.1:3000", "x-forwarded-host": "tierflow.example.com", "x-forwarded-proto": "https" };
    const spoofed = await shareLink(forwarded);
    expect(spoofed.body.url).toBe(`http://127.0.0.1:3000/share/${spoofed.body.token}`);

    process.env.TIERFLOW_TRUSTED_PROXIES = "10.0.0.1";
    const proxied = await shareLink(forwarded, "10.0.0.1");
    expect(proxied.body.url).toBe(`https://tierflow.example.com/share/${proxied.body.token}`);
  });
});

describe("the same-origin check on cookie writes", () => {
  it("cannot be passed by a page that names its own host in X-Forwarded-Host", async () => {
    expect((await shareLink({ host: "tierflow.example.test", origin: "http://tierflow.example.test" })).status).toBe(201);
    const crossSite = await shareLink({ host: "tierflow.example.test", origin: "https://evil.example", "x-forwarded-host": "evil.example" });
    expect(crossSite.status).toBe(403);
  });

  it("follows the configured public URL", async () => {
    process.env.BETTER_AUTH_URL = "https://tierflow.example.com";
    expect((await shareLink({ host: "127.0.0.1:3000", origin: "https://tierflow.example.com" })).status).toBe(201);
    expect((await shareLink({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" })).status).toBe(403);
  });
});
