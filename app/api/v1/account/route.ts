import { json, readJson } from "@/lib/api/respond";
import { withSession } from "@/lib/api/session-guard";
import { changeDisplayName } from "@/lib/auth/account";
import { accountBody } from "@/lib/auth/schemas";

/** `PATCH /api/v1/account` `{ name }`: the signed-in person's display name. */
export const PATCH = withSession(async ({ request, user }) => {
  const { name } = await readJson(request, accountBody);
  const cookies = await changeDisplayName(request.headers, name);
  return json({ id: user.id, name, email: user.email }, { headers: cookies });
});
