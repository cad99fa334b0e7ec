/** Runs once when the server starts, before it answers any request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, so every request after start-up carries its socket address (Next.js hides it).
  const { installPeerAddressStamp } = await import("@/lib/auth/peer-address");
  installPeerAddressStamp();
  const { startServer } = await import("@/lib/startup");
  await startServer();
}
