-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "graphId" TEXT,
    "graphName" TEXT NOT NULL,
    "graphSnapshot" JSONB NOT NULL,
    "input" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "output" TEXT,
    "approved" BOOLEAN,
    "error" TEXT,
    "simulated" BOOLEAN NOT NULL,
    "budgetNanoUsd" REAL,
    "costNanoUsd" REAL NOT NULL DEFAULT 0,
    "baselineNanoUsd" REAL NOT NULL DEFAULT 0,
    "costComplete" BOOLEAN NOT NULL DEFAULT true,
    "usage" JSONB,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "ownerId" TEXT,
    "leaseExpiresAt" DATETIME,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    CONSTRAINT "Run_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Run_graphId_fkey" FOREIGN KEY ("graphId") REFERENCES "Graph" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Run" ("approved", "baselineNanoUsd", "budgetNanoUsd", "costComplete", "costNanoUsd", "createdAt", "endedAt", "error", "graphId", "graphName", "graphSnapshot", "id", "input", "lastSeq", "output", "simulated", "startedAt", "status", "usage", "workspaceId") SELECT "approved", "baselineNanoUsd", "budgetNanoUsd", "costComplete", "costNanoUsd", "createdAt", "endedAt", "error", "graphId", "graphName", "graphSnapshot", "id", "input", "lastSeq", "output", "simulated", "startedAt", "status", "usage", "workspaceId" FROM "Run";
DROP TABLE "Run";
ALTER TABLE "new_Run" RENAME TO "Run";
CREATE INDEX "Run_workspaceId_createdAt_idx" ON "Run"("workspaceId", "createdAt");
CREATE INDEX "Run_graphId_createdAt_idx" ON "Run"("graphId", "createdAt");
CREATE INDEX "Run_status_idx" ON "Run"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
