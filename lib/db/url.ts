/** The embedded default: a SQLite file inside the project, created on first start. */
export const DEFAULT_DATABASE_URL = "file:./data/tierflow.db";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

/** `file:./x.db` or `file:/abs/x.db` → a path better-sqlite3 can open. */
export function sqliteFilePath(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite "file:" URL (got "${url.split(":")[0]}:…").`);
  }
  return url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
}
