import type Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";
import { sqliteSynchronous } from "./pragmas";
import { databaseProvider, databaseUrl, sqliteFilePath } from "./url";
import { startWalCheckpointer } from "./wal-checkpointer";

/** The adapter Prisma connected, with the better-sqlite3 connection it wraps (public in the adapter's JS). */
type ConnectedAdapter = SqlDriverAdapter & { client: Database.Database };

interface DbState {
  client: PrismaClient;
  /** SQLite's connected adapter; null on Postgres. */
  adapter: Promise<ConnectedAdapter> | null;
  connected: boolean;
  statements: Map<string, Database.Statement>;
}

const globalForDb = globalThis as unknown as { tierflowDbState?: DbState };

/**
 * SQLite for `file:` URLs, Postgres for `postgres://` ones. Both clients come from the one
 * schema (lib/db/postgres-schema.ts), which uses portable types only, so their model APIs are
 * the same; the Postgres client is typed as the SQLite one so callers see one client.
 *
 * On SQLite, Prisma's adapter is wrapped so the connection it opens gets Tierflow's pragmas and
 * stays reachable for `sqliteWrite`: hot-path writes then share Prisma's connection and its
 * transaction lock instead of a second connection that would fight it for the file.
 */
function createState(): DbState {
  const url = databaseUrl();
  if (databaseProvider(url) === "postgresql") {
    // A worker executing many runs writes many small transactions at once: a pool of 20
    // (`TIERFLOW_PG_POOL_SIZE`) and a longer wait for a connection keep a busy moment from
    // failing event batches (Prisma's defaults: pg's 10 connections, a 2 s wait, a 5 s transaction).
    const max = Number(process.env.TIERFLOW_PG_POOL_SIZE) || 20;
    const client = new PostgresPrismaClient({
      adapter: new PrismaPg({ connectionString: url, max }),
      transactionOptions: { maxWait: 15_000, timeout: 30_000 },
    }) as unknown as PrismaClient;
    return { client, adapter: null, connected: false, statements: new Map() };
  }
  const file = sqliteFilePath(url);
  const inner = new PrismaBetterSqlite3({ url: file, timeout: 10_000 });
  let connected!: (adapter: ConnectedAdapter) => void;
  const adapter = new Promise<ConnectedAdapter>((resolve) => (connected = resolve));
  const factory: SqlDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const opened = (await inner.connect()) as ConnectedAdapter;
      // WAL: readers never wait for the writer and a commit appends instead of rewriting pages.
      opened.client.pragma("journal_mode = WAL");
      opened.client.pragma(`synchronous = ${sqliteSynchronous()}`);
      startWalCheckpointer(opened.client, file);
      state.connected = true;
      connected(opened);
      return opened;
    },
  };
  const state: DbState = { client: new PrismaClient({ adapter: factory }), adapter, connected: false, statements: new Map() };
  return state;
}

const state: DbState = (globalForDb.tierflowDbState ??= createState());

/** The one Prisma client. Cached on globalThis so dev reloads don't open a connection per edit. */
export const db: PrismaClient = state.client;

/** Whether the database is SQLite, where `sqliteWrite` is the fast path for hot writes. */
export function usesSqlite(): boolean {
  return state.adapter !== null;
}

/** Runs cached prepared statements on Prisma's connection; see `sqliteWrite`. */
export type SqlWriter = (sql: string, ...params: unknown[]) => Database.RunResult;

/** Runs a cached prepared statement that answers rows (`… RETURNING`) and gives the first, if any; see `sqliteWrite`. */
export type SqlRow = (sql: string, ...params: unknown[]) => Record<string, unknown> | undefined;

/**
 * Runs `work` as one SQLite transaction on Prisma's own connection, holding the lock Prisma's
 * transactions take, with statements prepared once per process. For hot-path writes where
 * Prisma's per-call query building costs more than the write (a run's event batches). `work`
 * is synchronous, so nothing else runs on the connection in between; a throw rolls it back.
 */
export async function sqliteWrite<T>(work: (run: SqlWriter, row: SqlRow) => T): Promise<T> {
  if (!state.adapter) throw new Error("sqliteWrite needs a SQLite database; see usesSqlite().");
  if (!state.connected) await db.$connect(); // Prisma connects lazily, on its first query
  const adapter = await state.adapter;
  const transaction = await adapter.startTransaction(); // BEGIN, under the adapter's lock
  const prepared = (sql: string) => {
    let statement = state.statements.get(sql);
    if (!statement) state.statements.set(sql, (statement = adapter.client.prepare(sql)));
    return statement;
  };
  const run: SqlWriter = (sql, ...params) => prepared(sql).run(...params);
  const row: SqlRow = (sql, ...params) => prepared(sql).get(...params) as Record<string, unknown> | undefined;
  try {
    const result = work(run, row);
    run("COMMIT");
    return result;
  } catch (error) {
    if (adapter.client.inTransaction) run("ROLLBACK");
    throw error;
  } finally {
    await transaction.commit(); // releases the lock; the SQL COMMIT/ROLLBACK is ours above
  }
}

/** A DateTime as Prisma stores it in SQLite (ISO 8601 with "+00:00"), for `sqliteWrite`. */
export function sqliteDateTime(date: Date): string {
  return date.toISOString().replace(/Z$/, "+00:00");
}
