-- CreateTable
CREATE TABLE "SignInBackoff" (
    "emailHash" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" DATETIME NOT NULL,
    "lockedUntil" DATETIME
);

-- CreateIndex
CREATE INDEX "SignInBackoff_lastFailureAt_idx" ON "SignInBackoff"("lastFailureAt");
