-- CreateTable
CREATE TABLE "ModelProvider" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "keyEncrypted" TEXT,
    "keyLast4" TEXT,
    "baseUrl" TEXT,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ModelProvider_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Data: a workspace's own key (and base URL, which was only ever used with it) becomes its default provider.
INSERT INTO "ModelProvider" ("id", "workspaceId", "name", "kind", "keyEncrypted", "keyLast4", "baseUrl", "isDefault", "createdAt", "updatedAt")
SELECT
    'prov_' || lower(hex(randomblob(12))),
    "id",
    CASE WHEN "providerBaseUrl" IS NULL THEN 'OpenAI' ELSE 'OpenAI-compatible server' END,
    CASE WHEN "providerBaseUrl" IS NULL THEN 'openai' ELSE 'openai-compatible' END,
    "providerKeyEncrypted",
    "providerKeyLast4",
    "providerBaseUrl",
    true,
    CURRENT_TIMESTAMP,
    CURRENT_TIMESTAMP
FROM "Workspace"
WHERE "providerKeyEncrypted" IS NOT NULL;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Workspace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "catalog" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Workspace" ("catalog", "createdAt", "id", "name", "slug", "updatedAt") SELECT "catalog", "createdAt", "id", "name", "slug", "updatedAt" FROM "Workspace";
DROP TABLE "Workspace";
ALTER TABLE "new_Workspace" RENAME TO "Workspace";
CREATE UNIQUE INDEX "Workspace_slug_key" ON "Workspace"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ModelProvider_workspaceId_idx" ON "ModelProvider"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "ModelProvider_workspaceId_name_key" ON "ModelProvider"("workspaceId", "name");
