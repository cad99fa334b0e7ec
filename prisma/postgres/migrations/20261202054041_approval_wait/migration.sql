-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "approvalDeadline" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Run_status_approvalDeadline_idx" ON "Run"("status", "approvalDeadline");
