import { isAPIError } from "better-auth/api";
import { AppError } from "@/lib/errors";
import { getAuth } from "./auth";
import { claimSignInAttempt, clearSignInFailures } from "./sign-in-backoff";

/** Only the `Set-Cookie` lines of better-auth's answer: the refreshed session, for the route to pass on. */
function sessionCookies(from: Headers): Headers {
  const headers = new Headers();
  for (const line of from.getSetCookie()) headers.append("set-cookie", line);
  return headers;
}

/** Renames the signed-in account behind `headers` (better-auth's `updateUser`); returns the refreshed session cookie. */
export async function changeDisplayName(headers: Headers, name: string): Promise<Headers> {
  const { headers: out } = await getAuth().api.updateUser({ body: { name }, headers, returnHeaders: true });
  return sessionCookies(out);
}

/**
 * Changes the password of the signed-in account `email` behind `headers`, after checking the
 * current one (better-auth's `changePassword`). Every other session is signed out; the new
 * session's cookie is returned. A wrong current password counts against the account's
 * sign-in back-off (lib/auth/sign-in-backoff.ts): a stolen session must not become a way to guess it.
 */
export async function changePassword(headers: Headers, email: string, body: { currentPassword: string; newPassword: string }): Promise<Headers> {
  const claim = await claimSignInAttempt(email);
  if (!claim.allowed) throw new AppError("rate_limited", `Too many wrong passwords for this account. Try again in ${claim.retryAfterSeconds} seconds.`);
  try {
    const { headers: out } = await getAuth().api.changePassword({ body: { ...body, revokeOtherSessions: true }, headers, returnHeaders: true });
    await clearSignInFailures(email);
    return sessionCookies(out);
  } catch (error) {
    if (isAPIError(error) && error.body?.code === "INVALID_PASSWORD") throw new AppError("unprocessable", "Your current password is not correct.", [{ path: ["currentPassword"], message: "Not your current password." }]);
    throw error;
  }
}
