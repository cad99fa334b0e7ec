import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { authAttemptsPerMinute } from "@/lib/auth/auth";
import { stampPeerAddress } from "@/lib/auth/peer-address";
import { signUpForTest } from "@/lib/auth/testing";
import { POST } from "./[...all]/route";

// Sign-in through the real auth route, as `next start` hands it requests: stamped with the
// socket address, and carrying whatever X-Forwarded-For the client chose to send.
async function signIn(email: string, password: string, socket: string, headers: Record<string, string> = {}) {
  const bag = new Headers({ "content-type": "application/json", ...headers });
  stampPeerAddress(bag, socket);
  const request = new Request("http://localhost:3000/api/auth/sign-in/email", { method: "POST", headers: bag, body: JSON.stringify({ email, password }) });
  return POST(request);
}

const statuses = (responses: Response[]) => responses.map((response) => response.status);
const strangerEmail = () => `nobody-${randomUUID()}@example.test`;
let n = 0;
const rotatingForwardedFor = () => ({ "x-forwarded-for": `198.51.100.${++n % 250}` });

afterEach(() => {
  vi.useRealTimers();
  delete process.env.TIERFLOW_TRUSTED_PROXIES;
});

describe("the per-address sign-in limit", () => {
  it("reads TIERFLOW_AUTH_RATE_LIMIT, ten a minute by default", () => {
    const env = (TIERFLOW_AUTH_RATE_LIMIT?: string) => ({ NODE_ENV: "test", TIERFLOW_AUTH_RATE_LIMIT }) as NodeJS.ProcessEnv;
    expect(authAttemptsPerMinute(env())).toBe(10);
    expect(authAttemptsPerMinute(env("1000"))).toBe(1000);
    for (const bad of ["0", "-3", "2.5", "lots"]) expect(authAttemptsPerMinute(env(bad))).toBe(10);
  });

  it("holds against a new X-Forwarded-For on every attempt", async () => {
    const responses: Response[] = [];
    // A different email each time, so only the per-address limit can stop this.
    for (let i = 0; i < 13; i++) responses.push(await signIn(strangerEmail(), "wrong password", "203.0.113.10", rotatingForwardedFor()));
    expect(statuses(responses)).toEqual([...Array(10).fill(401), 429, 429, 429]);
    // Another machine is not held up by it.
    expect((await signIn(strangerEmail(), "wrong password", "203.0.113.11")).status).toBe(401);
  });

  it("behind a declared proxy, counts each client by the address the proxy appended", async () => {
    process.env.TIERFLOW_TRUSTED_PROXIES = "10.0.0.0/24";
    const responses: Response[] = [];
    // The client prepends a fresh made-up address each time; the proxy appends the real one.
    for (let i = 0; i < 11; i++) {
      responses.push(await signIn(strangerEmail(), "wrong password", "10.0.0.1", { "x-forwarded-for": `192.0.2.${i}, 203.0.113.20` }));
    }
    expect(statuses(responses)).toEqual([...Array(10).fill(401), 429]);
    expect((await signIn(strangerEmail(), "wrong password", "10.0.0.1", { "x-forwarded-for": "203.0.113.21" })).status).toBe(401);
  });
});

describe("the per-account back-off", () => {
  let account: { email: string; password: string };
  beforeAll(async () => {
    account = await signUpForTest({ name: "Guessed at" });
  });

  it("slows a guesser spread over many addresses, then lets the owner in, who starts afresh", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T10:00:00Z"));
    const failures: Response[] = [];
    for (let i = 0; i < 5; i++) failures.push(await signIn(account.email, "wrong password", `203.0.113.${30 + i}`));
    expect(statuses(failures)).toEqual([401, 401, 401, 401, 401]);

    // Even the right password waits, from a fresh address, with the case of the email changed.
    const refused = await signIn(account.email.toUpperCase(), account.password, "203.0.113.40");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(await refused.json()).toMatchObject({ code: "TOO_MANY_FAILED_SIGN_INS", message: "Too many failed sign-ins for this account. Try again in 30 seconds." });

    // Each failure after the wait doubles it.
    vi.setSystemTime(new Date("2030-01-01T10:00:31Z"));
    expect((await signIn(account.email, "wrong password", "203.0.113.41")).status).toBe(401);
    const longer = await signIn(account.email, account.password, "203.0.113.42");
    expect(longer.status).toBe(429);
    expect(longer.headers.get("retry-after")).toBe("60");

    vi.setSystemTime(new Date("2030-01-01T10:01:32Z"));
    expect((await signIn(account.email, account.password, "203.0.113.43")).status).toBe(200);
    // A success clears the count: five more failures pass before the next wait.
    const again: Response[] = [];
    for (let i = 0; i < 6; i++) again.push(await signIn(account.email, "wrong password", `203.0.113.${50 + i}`));
    expect(statuses(again)).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
