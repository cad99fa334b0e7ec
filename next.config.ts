import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WebAssembly modules load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/driver-adapter-utils", "gpt-tokenizer"],
  poweredByHeader: false,
  // Lets two builds (say, a benchmark and the e2e suite) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
};

export default nextConfig;
