import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth/auth";
import { withClientAddress } from "@/lib/auth/client-address";
import { ensureDatabase } from "@/lib/db";

/** better-auth's endpoints: sign-up, sign-in, sign-out, session; rate-limited on the real client address. */
const handler = async (request: Request) => {
  await ensureDatabase();
  return getAuth().handler(withClientAddress(request));
};

export const { GET, POST } = toNextJsHandler(handler);
