import { tmpdir } from "node:os";
import path from "node:path";

// Each test file gets its own fresh SQLite database; lib/db migrates it on first use.
process.env.DATABASE_URL = `file:${path.join(tmpdir(), `tierflow-test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`)}`;
process.env.TIERFLOW_SIM_SPEED ??= "0";
delete process.env.OPENAI_API_KEY;
