import { defineConfig } from "prisma/config";

// Only the CLI reads this (generate, or `migrate deploy` where the native engine can be
// downloaded). The app applies prisma/migrations itself at start-up: see lib/db/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/tierflow.db" },
});
