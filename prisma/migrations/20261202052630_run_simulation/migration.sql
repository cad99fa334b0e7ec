-- AlterTable
ALTER TABLE "Run" ADD COLUMN "simulation" JSONB;
