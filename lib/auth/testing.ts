import { randomUUID } from "node:crypto";
import { ensureDatabase } from "@/lib/db";
import { getAuth } from "./auth";

/** Test support: signs a new account up through better-auth and returns its session cookie. */
export async function signUpForTest(options: { email?: string; name?: string; password?: string } = {}) {
  await ensureDatabase();
  const email = options.email ?? `user-${randomUUID()}@example.test`;
  const password = options.password ?? "correct horse battery";
  const response = await getAuth().api.signUpEmail({ body: { email, password, name: options.name ?? "Test user" }, asResponse: true });
  if (!response.ok) throw new Error(`Sign-up failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const { user } = (await response.json()) as { user: { id: string } };
  return { userId: user.id, email, password, cookie };
}

/** Builds requests that carry a session cookie, for calling route handlers directly. */
export function requestsAs(session: () => string) {
  return (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", session());
    return new Request(url, { ...init, headers });
  };
}
