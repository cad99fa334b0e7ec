/** Runs once when the server starts, before it answers any request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, so every request after start-up carries its socket address (Next.js hides it).
  const { installPeerAddressStamp } = await import("@/lib/auth/peer-address");
  installPeerAddressStamp();
  // A typo in these would otherwise surface as failed requests; refuse to start instead.
  const [{ trustedProxies }, { configuredPublicOrigin }] = await Promise.all([import("@/lib/auth/client-address"), import("@/lib/auth/public-origin")]);
  trustedProxies();
  configuredPublicOrigin();
  const { startServer } = await import("@/lib/runs/startup");
  await startServer();
}
