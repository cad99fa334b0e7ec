import { readJson } from "@/lib/api/respond";
import { withSession } from "@/lib/api/session-guard";
import { changePassword } from "@/lib/auth/account";
import { changePasswordBody } from "@/lib/auth/schemas";

/** `POST /api/v1/account/password` `{ currentPassword, newPassword }`: 204; other sessions are signed out, this one continues. */
export const POST = withSession(async ({ request, user }) => {
  const body = await readJson(request, changePasswordBody);
  const cookies = await changePassword(request.headers, user.email, body);
  return new Response(null, { status: 204, headers: cookies });
});
