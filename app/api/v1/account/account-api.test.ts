import { describe, expect, it } from "vitest";
import { getAuth } from "@/lib/auth/auth";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db } from "@/lib/db";
import { POST as changePassword } from "./password/route";
import { PATCH as changeName } from "./route";

const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };
const send = (method: string, value: unknown): RequestInit => ({ method, body: JSON.stringify(value) });
const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");

async function signIn(email: string, password: string) {
  return getAuth().api.signInEmail({ body: { email, password }, asResponse: true });
}

describe("the account", () => {
  it("changes the display name, trimmed, and refuses an empty one", async () => {
    const ada = await signUpForTest({ name: "Ada" });
    const as = requestsAs(() => ada.cookie);
    const renamed = await changeName(as("http://test/api/v1/account", send("PATCH", { name: "  Ada Lovelace " })), noParams);
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id: ada.userId, name: "Ada Lovelace", email: ada.email });
    expect((await db.user.findUniqueOrThrow({ where: { id: ada.userId } })).name).toBe("Ada Lovelace");

    const blank = await changeName(as("http://test/api/v1/account", send("PATCH", { name: "   " })), noParams);
    expect(blank.status).toBe(422);
    expect((await db.user.findUniqueOrThrow({ where: { id: ada.userId } })).name).toBe("Ada Lovelace");
  });

  it("changes the password only with the current one; the old one stops working and other sessions end", async () => {
    const ada = await signUpForTest({ name: "Ada", password: "first password 1" });
    const elsewhere = cookieOf(await signIn(ada.email, "first password 1"));
    const as = requestsAs(() => ada.cookie);

    const wrong = await changePassword(as("http://test/api/v1/account/password", send("POST", { currentPassword: "not it at all", newPassword: "second password 2" })), noParams);
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.message).toBe("Your current password is not correct.");
    const short = await changePassword(as("http://test/api/v1/account/password", send("POST", { currentPassword: "first password 1", newPassword: "short" })), noParams);
    expect(short.status).toBe(422);
    expect((await signIn(ada.email, "first password 1")).status).toBe(200);

    const changed = await changePassword(as("http://test/api/v1/account/password", send("POST", { currentPassword: "first password 1", newPassword: "second password 2" })), noParams);
    expect(changed.status).toBe(204);
    // This browser keeps a (new) session; the one signed in elsewhere is gone.
    const fresh = cookieOf(changed);
    expect(fresh).toContain("session_token=");
    expect(await getAuth().api.getSession({ headers: new Headers({ cookie: fresh }) })).toMatchObject({ user: { id: ada.userId } });
    expect(await getAuth().api.getSession({ headers: new Headers({ cookie: elsewhere }) })).toBeNull();

    expect((await signIn(ada.email, "first password 1")).status).toBe(401);
    expect((await signIn(ada.email, "second password 2")).status).toBe(200);
  });

  it("slows down guessing the current password like guessing it at sign-in", async () => {
    const ada = await signUpForTest({ name: "Ada", password: "first password 1" });
    const as = requestsAs(() => ada.cookie);
    const guess = () => changePassword(as("http://test/api/v1/account/password", send("POST", { currentPassword: "a wrong guess", newPassword: "second password 2" })), noParams);
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await guess()).status);
    expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(statuses.at(-1)).toBe(429);
  });
});
