/**
 * prisma/schema.prisma is the one schema, written for SQLite with portable types only.
 * The Postgres schema is derived from it (prisma/postgres/schema.prisma, committed so its
 * migrations have a base to diff from) and generates a second client: a Prisma client is
 * bound to one provider, both by a check at construction and by its provider-specific
 * query compiler, so one client cannot serve both adapters.
 */
export const POSTGRES_SCHEMA_HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:migration <name>`: edit that file, never this one.\n";

export function postgresSchema(sqliteSchema: string): string {
  return (
    POSTGRES_SCHEMA_HEADER +
    replaceOnce(
      replaceOnce(sqliteSchema, /(datasource db \{\s*provider\s*=\s*)"sqlite"/, '$1"postgresql"'),
      /(output\s*=\s*)"\.\.\/lib\/generated\/prisma"/,
      '$1"../../lib/generated/prisma-pg"',
    )
  );
}

function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(text)) throw new Error(`prisma/schema.prisma no longer matches ${pattern}: update lib/db/postgres-schema.ts.`);
  return text.replace(pattern, replacement);
}
