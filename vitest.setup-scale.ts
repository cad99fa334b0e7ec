import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

// Each test file gets its own fresh Postgres database (lib/db migrates it on first use) and
// the shared Redis, as several processes of one deployment would.
const server = new URL(inject("postgresUrl"));
const name = `tierflow_${process.pid}_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: server.href });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
await admin.end();
server.pathname = `/${name}`;
process.env.DATABASE_URL = server.href;
process.env.REDIS_URL = inject("redisUrl");
// Runs still execute in the test process (its runtime and bus are what these tests inspect);
// lib/runs/worker.test.ts puts them on BullMQ and runs real worker processes.
process.env.TIERFLOW_QUEUE ??= "embedded";
process.env.TIERFLOW_SECRET ??= randomBytes(32).toString("base64url");
