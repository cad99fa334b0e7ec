import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WebAssembly modules load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "ioredis", "@prisma/driver-adapter-utils", "gpt-tokenizer"],
  poweredByHeader: false,
  // Lets two builds (say, a benchmark and the e2e suite) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // Share links are for the people they are sent to: never indexed, never leaked through Referer.
  async headers() {
    return [{ source: "/share/:token*", headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }, { key: "Referrer-Policy", value: "no-referrer" }] }];
  },
};

export default nextConfig;
