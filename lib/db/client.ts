import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";
import { databaseProvider, databaseUrl, sqliteFilePath } from "./url";

const globalForDb = globalThis as unknown as { tierflowDb?: PrismaClient };

/**
 * SQLite for `file:` URLs, Postgres for `postgres://` ones. Both clients come from the one
 * schema (lib/db/postgres-schema.ts), which uses portable types only, so their model APIs
 * are the same; the Postgres client is typed as the SQLite one so callers see one client.
 */
function createClient(): PrismaClient {
  const url = databaseUrl();
  if (databaseProvider(url) === "postgresql") {
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFilePath(url), timeout: 10_000 }) });
}

/** The one Prisma client. Cached on globalThis so dev reloads don't open a connection per edit. */
export const db: PrismaClient = globalForDb.tierflowDb ?? (globalForDb.tierflowDb = createClient());
