import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, sqliteFilePath } from "./url";

const globalForDb = globalThis as unknown as { tierflowDb?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSqlite3({ url: sqliteFilePath(databaseUrl()), timeout: 10_000 });
  return new PrismaClient({ adapter });
}

/** The one Prisma client. Cached on globalThis so dev reloads don't open a connection per edit. */
export const db: PrismaClient = globalForDb.tierflowDb ?? (globalForDb.tierflowDb = createClient());
