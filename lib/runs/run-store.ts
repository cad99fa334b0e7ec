import { db, newRowId, sqliteDateTime, sqliteWrite, usesSqlite, type SqlWriter } from "@/lib/db";
import type { RunOutcome, RunSummary } from "@/lib/engine";
import type { RunEvent } from "@/lib/engine/events";
import type { GraphDocument } from "@/lib/graph";
import { expiredLease, ownLease } from "./ownership";
import { runtime } from "./runtime";

/** A node's row: its summary as the run's events fold it. */
export type NodeResult = RunSummary["nodes"][string];
type Totals = RunOutcome["totals"];

/** What a stored batch changes beside the log: the rows of the nodes it finished, and the run's running cost. */
export interface Checkpoint {
  nodes: readonly NodeResult[];
  totals: Totals;
}

/** A run to store `queued`; every other column starts at its default. */
export interface NewRun {
  workspaceId: string;
  graphId: string;
  graphName: string;
  graphSnapshot: GraphDocument;
  input: string;
  simulated: boolean;
  budgetNanoUsd: number | null;
  documents: readonly string[] | null;
  simulation: { speed: number; seed?: number };
}

/**
 * Stores a new run and answers its id. On SQLite through a prepared statement: Prisma's
 * serialising of the snapshot (about 6 ms for a 200-node graph, against 0.2 ms for
 * JSON.stringify) was most of a run's start.
 */
export async function insertRun(run: NewRun): Promise<string> {
  if (!usesSqlite()) {
    const { graphSnapshot, documents, ...rest } = run;
    const row = await db.run.create({ data: { ...rest, status: "queued", graphSnapshot: graphSnapshot as object, documents: documents ?? undefined }, select: { id: true } });
    return row.id;
  }
  const id = newRowId();
  await sqliteWrite((sql) =>
    sql(
      `INSERT INTO "Run" ("id", "workspaceId", "graphId", "graphName", "graphSnapshot", "input", "status", "simulated", "budgetNanoUsd", "documents", "simulation", "createdAt")
       VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)`,
      id,
      run.workspaceId,
      run.graphId,
      run.graphName,
      JSON.stringify(run.graphSnapshot),
      run.input,
      Number(run.simulated),
      run.budgetNanoUsd,
      json(run.documents),
      JSON.stringify(run.simulation),
      sqliteDateTime(new Date()),
    ),
  );
  return id;
}

/** A run this process has just claimed: what executing it reads. */
export interface ClaimedRun {
  workspaceId: string;
  input: string;
  budgetNanoUsd: number | null;
  simulation: unknown;
  documents: unknown;
  /** 0 while no event is stored (events and lastSeq are written in one transaction): no log to read back. */
  lastSeq: number;
}

/**
 * Takes a run for this process if nobody holds it: `queued`, or `running` with an expired lease.
 * The lease makes it this process's until it ends or stalls; the first claim also stamps
 * `startedAt`. Answers what executing the run reads, or null when it is not this process's to
 * run. On SQLite one UPDATE … RETURNING through a prepared statement (three Prisma calls were
 * most of a small run's start).
 */
export async function claimRun(runId: string): Promise<ClaimedRun | null> {
  const now = new Date();
  const lease = ownLease(now.getTime());
  if (usesSqlite()) {
    const row = await sqliteWrite((_, get) =>
      get(
        `UPDATE "Run" SET "status" = 'running', "error" = NULL, "endedAt" = NULL, "cancelRequested" = 0, "ownerId" = ?, "leaseExpiresAt" = ?, "startedAt" = COALESCE("startedAt", ?)
         WHERE "id" = ? AND ("status" = 'queued' OR ("status" = 'running' AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < ?)))
         RETURNING "workspaceId", "input", "budgetNanoUsd", "simulation", "documents", "lastSeq"`,
        lease.ownerId,
        sqliteDateTime(lease.leaseExpiresAt),
        sqliteDateTime(now),
        runId,
        sqliteDateTime(now),
      ),
    );
    if (!row) return null;
    return {
      workspaceId: String(row.workspaceId),
      input: String(row.input),
      budgetNanoUsd: row.budgetNanoUsd === null ? null : Number(row.budgetNanoUsd),
      simulation: parseJson(row.simulation),
      documents: parseJson(row.documents),
      lastSeq: Number(row.lastSeq),
    };
  }
  const { count } = await db.run.updateMany({
    where: { id: runId, OR: [{ status: "queued" }, { status: "running", ...expiredLease(now.getTime()) }] },
    data: { status: "running", error: null, endedAt: null, cancelRequested: false, ...lease },
  });
  if (count !== 1) return null;
  const { startedAt, ...run } = await db.run.findUniqueOrThrow({
    where: { id: runId },
    select: { workspaceId: true, input: true, budgetNanoUsd: true, simulation: true, documents: true, lastSeq: true, startedAt: true },
  });
  if (!startedAt) await db.run.update({ where: { id: runId }, data: { startedAt: now } });
  return run;
}

const parseJson = (text: unknown): unknown => (typeof text === "string" ? JSON.parse(text) : null);

/**
 * The run service's hot writes, one transaction each. On SQLite they go through prepared
 * statements on Prisma's connection (Prisma's per-call query building cost ~50 µs per event,
 * most of a run's persistence time); on Postgres through Prisma, where the round trip dominates
 * and createMany is already one multi-row insert.
 */
export function storeEventBatch(runId: string, batch: readonly RunEvent[], checkpoint: Checkpoint | null): Promise<unknown> {
  const lastSeq = batch[batch.length - 1].seq;
  if (usesSqlite()) {
    return sqliteWrite((sql) => {
      // Fenced by the lease first, as on Postgres below: the throw rolls the transaction back.
      requireOwner(runId, sql('UPDATE "Run" SET "lastSeq" = ? WHERE "id" = ? AND "ownerId" = ?', lastSeq, runId, runtime.ownerId));
      insertRows(sql, EVENT_INSERT, batch, (event) => [runId, event.seq, event.type, JSON.stringify(event)]);
      if (!checkpoint) return;
      sqliteNodeRows(sql, runId, checkpoint.nodes);
      const t = checkpoint.totals;
      sql('UPDATE "Run" SET "costNanoUsd" = ?, "baselineNanoUsd" = ?, "costComplete" = ?, "usage" = ? WHERE "id" = ?', t.costNanoUsd, t.baselineNanoUsd, Number(t.costComplete), json(t.usage), runId);
    });
  }
  return db.$transaction([
    db.runEvent.createMany({ data: batch.map((event) => ({ runId, seq: event.seq, type: event.type, data: event as object })) }),
    // Fenced by the lease: a process that lost the run (it stalled past its lease and another
    // took over) fails here, and the batch is not stored or published twice.
    db.run.update({ where: { id: runId, ownerId: runtime.ownerId }, data: { lastSeq, ...(checkpoint ? totalsData(checkpoint.totals) : {}) } }),
    ...(checkpoint?.nodes ?? []).map((node) => upsertNodeRow(runId, node)),
  ]);
}

/** The run's final state and the node rows given (those not yet stored as they are now), in one transaction; the run leaves its owner. */
export function storeOutcome(runId: string, outcome: RunOutcome, nodes: readonly NodeResult[]): Promise<unknown> {
  const endedAt = new Date();
  if (usesSqlite()) {
    return sqliteWrite((sql) => {
      const t = outcome.totals;
      const ended = sql(
        `UPDATE "Run" SET "status" = ?, "output" = ?, "approved" = ?, "error" = ?, "costNanoUsd" = ?, "baselineNanoUsd" = ?, "costComplete" = ?,
           "usage" = ?, "endedAt" = ?, "ownerId" = NULL, "leaseExpiresAt" = NULL WHERE "id" = ? AND "ownerId" = ?`,
        outcome.status,
        outcome.output ?? null,
        outcome.approved === undefined || outcome.approved === null ? null : Number(outcome.approved),
        outcome.error ?? null,
        t.costNanoUsd,
        t.baselineNanoUsd,
        Number(t.costComplete),
        json(t.usage),
        sqliteDateTime(endedAt),
        runId,
        runtime.ownerId,
      );
      requireOwner(runId, ended);
      sqliteNodeRows(sql, runId, nodes);
    });
  }
  return db.$transaction([
    ...nodes.map((node) => upsertNodeRow(runId, node)),
    db.run.update({
      where: { id: runId, ownerId: runtime.ownerId },
      data: {
        status: outcome.status,
        output: outcome.output,
        approved: outcome.approved,
        error: outcome.error ?? null,
        ...totalsData(outcome.totals),
        endedAt,
        ownerId: null,
        leaseExpiresAt: null,
      },
    }),
  ]);
}

/**
 * A run stopped at approval steps: its node rows and spend so far, no owner, and the earliest
 * timeout among the undecided steps (the heartbeat's sweep decides it once passed). Not an end:
 * `endedAt` stays empty.
 */
export function storeWaiting(runId: string, summary: RunSummary, totals: Totals): Promise<unknown> {
  const deadlines = Object.values(summary.approvals).flatMap((gate) => (gate.decision === null && gate.deadline !== null ? [gate.deadline] : []));
  const approvalDeadline = deadlines.length > 0 ? new Date(Math.min(...deadlines)) : null;
  return db.$transaction([
    ...Object.values(summary.nodes).map((node) => upsertNodeRow(runId, node)),
    db.run.update({ where: { id: runId, ownerId: runtime.ownerId }, data: { status: "waiting", error: null, ...totalsData(totals), approvalDeadline, ownerId: null, leaseExpiresAt: null } }),
  ]);
}

/**
 * A fenced write refused: this process no longer owns the run (it stalled past its lease and
 * another took over, or the run left it). What Prisma's P2025 says for the same on Postgres.
 */
export class RunNotOwnedError extends Error {
  constructor(runId: string) {
    super(`Run ${runId} is not owned by this process any more.`);
    this.name = "RunNotOwnedError";
  }
}

function requireOwner(runId: string, result: { changes: number }): void {
  if (result.changes !== 1) throw new RunNotOwnedError(runId);
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

function totalsData(t: Totals) {
  return { costNanoUsd: t.costNanoUsd, baselineNanoUsd: t.baselineNanoUsd, costComplete: t.costComplete, usage: t.usage as object };
}

function nodeRow(runId: string, node: NodeResult) {
  return {
    runId,
    nodeId: node.nodeId,
    label: node.label,
    role: node.role,
    tier: node.tier,
    model: node.model,
    status: node.status,
    instances: node.instances,
    usage: node.usage as object,
    costNanoUsd: node.costNanoUsd,
    latencyMs: Math.round(node.wallMs),
    output: node.output,
    error: node.error,
  };
}

function upsertNodeRow(runId: string, node: NodeResult) {
  const row = nodeRow(runId, node);
  return db.runNode.upsert({ where: { runId_nodeId: { runId, nodeId: node.nodeId } }, create: row, update: row });
}

const EVENT_INSERT: MultiRowInsert = { head: 'INSERT INTO "RunEvent" ("runId", "seq", "type", "data") VALUES', row: "(?, ?, ?, ?)", tail: "" };

const NODE_UPSERT: MultiRowInsert = {
  head: `INSERT INTO "RunNode" ("runId", "nodeId", "label", "role", "tier", "model", "status", "instances", "usage", "costNanoUsd", "latencyMs", "output", "error") VALUES`,
  row: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  tail: `ON CONFLICT ("runId", "nodeId") DO UPDATE SET "label" = excluded."label", "role" = excluded."role", "tier" = excluded."tier",
       "model" = excluded."model", "status" = excluded."status", "instances" = excluded."instances", "usage" = excluded."usage",
       "costNanoUsd" = excluded."costNanoUsd", "latencyMs" = excluded."latencyMs", "output" = excluded."output", "error" = excluded."error"`,
};

function sqliteNodeRows(sql: SqlWriter, runId: string, nodes: readonly NodeResult[]): void {
  insertRows(sql, NODE_UPSERT, nodes, (node) => {
    const row = nodeRow(runId, node);
    return [row.runId, row.nodeId, row.label, row.role, row.tier, row.model, row.status, row.instances, json(row.usage), row.costNanoUsd ?? null, row.latencyMs, row.output ?? null, row.error ?? null];
  });
}

/** Rows per multi-row statement at most; smaller remainders go in halves (32, 16, …, 1), so a few prepared statements serve every batch size. */
const ROWS_PER_STATEMENT = 64;

/**
 * Inserts rows with multi-row statements, one per up to 64 rows instead of one per row: a
 * 52-node fan-out run (259 events, 52 node rows) went from 0.214–0.248 to 0.204–0.218 ms per
 * node on the LangGraph bench (three interleaved pairs).
 */
function insertRows<T>(sql: SqlWriter, statement: MultiRowInsert, items: readonly T[], values: (item: T) => unknown[]): void {
  for (let at = 0; at < items.length; ) {
    let count = ROWS_PER_STATEMENT;
    while (count > items.length - at) count >>= 1;
    const params: unknown[] = [];
    for (let i = at; i < at + count; i++) params.push(...values(items[i]));
    sql(statementText(statement, count), ...params);
    at += count;
  }
}

interface MultiRowInsert {
  head: string;
  row: string;
  tail: string;
  /** The statement's text by row count, built once. */
  texts?: Map<number, string>;
}

function statementText(statement: MultiRowInsert, count: number): string {
  const texts = (statement.texts ??= new Map());
  let text = texts.get(count);
  if (!text) texts.set(count, (text = `${statement.head} ${Array.from({ length: count }, () => statement.row).join(", ")} ${statement.tail}`));
  return text;
}
