-- AlterTable
ALTER TABLE "Run" ADD COLUMN "approvalDeadline" DATETIME;

-- CreateIndex
CREATE INDEX "Run_status_approvalDeadline_idx" ON "Run"("status", "approvalDeadline");
