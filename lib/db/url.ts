/** The embedded default: a SQLite file inside the project, created on first start. */
export const DEFAULT_DATABASE_URL = "file:./data/tierflow.db";

/** The two databases Tierflow runs on, named as Prisma names their providers. */
export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

/** `file:…` is SQLite, `postgres://…` or `postgresql://…` is Postgres; anything else is refused. */
export function databaseProvider(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must be a SQLite "file:" or a "postgres://" URL (got "${url.split(":")[0]}:…").`);
}

/** `file:./x.db` or `file:/abs/x.db` → a path better-sqlite3 can open. */
export function sqliteFilePath(url: string): string {
  if (databaseProvider(url) !== "sqlite") throw new Error(`Not a SQLite "file:" URL: "${url.split(":")[0]}:…".`);
  return url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
}
