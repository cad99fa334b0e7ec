import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth/auth";
import { ensureDatabase } from "@/lib/db";

/** better-auth's endpoints: sign-up, sign-in, sign-out, session. */
const handler = async (request: Request) => {
  await ensureDatabase();
  return getAuth().handler(request);
};

export const { GET, POST } = toNextJsHandler(handler);
