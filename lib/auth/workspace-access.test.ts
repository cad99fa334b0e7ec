import { afterEach, describe, expect, it, vi } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { signUpForTest } from "./testing";
import { activeWorkspaceCookie, resolveWorkspace } from "./workspace-access";

const withCookie = (cookie: string) => new Headers({ cookie });

describe("resolveWorkspace", () => {
  it("makes the first account the owner of the default workspace; later accounts start with none", async () => {
    const first = await signUpForTest({ name: "First" });
    const access = await resolveWorkspace(withCookie(first.cookie));
    expect(access.workspace.slug).toBe(DEFAULT_WORKSPACE_SLUG);
    expect(access.role).toBe("owner");
    expect(access.user?.id).toBe(first.userId);

    const second = await signUpForTest({ name: "Second" });
    await expect(resolveWorkspace(withCookie(second.cookie))).rejects.toMatchObject({ code: "no_workspace" });
    expect(await db.membership.count({ where: { workspace: { slug: DEFAULT_WORKSPACE_SLUG } } })).toBe(1);
  });

  it("refuses callers with no session, a forged cookie or an unknown API key", async () => {
    await expect(resolveWorkspace(new Headers())).rejects.toBeInstanceOf(AppError);
    await expect(resolveWorkspace(withCookie("tierflow.session_token=forged.value"))).rejects.toMatchObject({ code: "unauthorized" });
    await expect(resolveWorkspace(new Headers({ authorization: "Bearer tf_key_nope" }))).rejects.toMatchObject({ code: "unauthorized" });
  });
});

describe("activeWorkspaceCookie", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is Secure when the public origin is https, even though the proxy spoke http to the app", () => {
    const behindProxy = new Request("http://127.0.0.1:3000/api/v1/workspaces/current", { headers: { host: "127.0.0.1:3000" } });
    vi.stubEnv("BETTER_AUTH_URL", "https://tierflow.example.com");
    expect(activeWorkspaceCookie("ws_1", behindProxy)).toMatch(/; Secure$/);
    vi.stubEnv("BETTER_AUTH_URL", "http://localhost:3000");
    expect(activeWorkspaceCookie("ws_1", behindProxy)).not.toMatch(/Secure/);
  });
});
