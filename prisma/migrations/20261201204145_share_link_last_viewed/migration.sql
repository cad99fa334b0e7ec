-- AlterTable
ALTER TABLE "ShareLink" ADD COLUMN "lastViewedAt" DATETIME;

-- CreateIndex
CREATE INDEX "ShareLink_workspaceId_createdAt_idx" ON "ShareLink"("workspaceId", "createdAt");
