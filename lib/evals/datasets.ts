import type { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { graderSchema, type Grader } from "./graders";
import { parseCases, serializeCases } from "./import";
import { MAX_CASES, type CaseBody, type createDatasetBody, type updateDatasetBody } from "./schemas";

export interface DatasetCase extends CaseBody {
  id: string;
  position: number;
}

export interface DatasetSummary {
  id: string;
  name: string;
  grader: Grader;
  caseCount: number;
  updatedAt: string;
}

export interface Dataset extends DatasetSummary {
  cases: DatasetCase[];
}

const CASE_SELECT = { id: true, position: true, input: true, expected: true, difficulty: true } as const;

async function requireDataset(workspaceId: string, datasetId: string) {
  const found = await db.dataset.findFirst({ where: { id: datasetId, workspaceId } });
  if (!found) throw AppError.notFound("Dataset");
  return found;
}

function summary(row: { id: string; name: string; grader: unknown; updatedAt: Date }, caseCount: number): DatasetSummary {
  return { id: row.id, name: row.name, grader: graderSchema.parse(row.grader), caseCount, updatedAt: row.updatedAt.toISOString() };
}

export async function listDatasets(workspaceId: string): Promise<DatasetSummary[]> {
  const rows = await db.dataset.findMany({ where: { workspaceId }, orderBy: { updatedAt: "desc" }, include: { _count: { select: { cases: true } } } });
  return rows.map((row) => summary(row, row._count.cases));
}

export async function getDataset(workspaceId: string, datasetId: string): Promise<Dataset> {
  const row = await requireDataset(workspaceId, datasetId);
  const cases = await db.datasetCase.findMany({ where: { datasetId }, orderBy: { position: "asc" }, select: CASE_SELECT });
  return { ...summary(row, cases.length), cases };
}

export async function createDataset(workspaceId: string, body: z.infer<typeof createDatasetBody>): Promise<Dataset> {
  const created = await db.dataset.create({
    data: { workspaceId, name: body.name, grader: body.grader as object, cases: { create: body.cases.map((c, position) => ({ ...c, position })) } },
  });
  return getDataset(workspaceId, created.id);
}

export async function updateDataset(workspaceId: string, datasetId: string, body: z.infer<typeof updateDatasetBody>): Promise<Dataset> {
  await requireDataset(workspaceId, datasetId);
  await db.dataset.update({ where: { id: datasetId }, data: { ...(body.name ? { name: body.name } : {}), ...(body.grader ? { grader: body.grader as object } : {}) } });
  return getDataset(workspaceId, datasetId);
}

export async function deleteDataset(workspaceId: string, datasetId: string): Promise<void> {
  await requireDataset(workspaceId, datasetId);
  await db.dataset.delete({ where: { id: datasetId } });
}

/** Appends a file's cases after the existing ones, in one transaction: all of them or, on any bad row, none. */
export async function importCases(workspaceId: string, datasetId: string, format: "csv" | "jsonl", text: string): Promise<{ imported: number }> {
  await requireDataset(workspaceId, datasetId);
  const cases = parseCases(format, text);
  await db.$transaction(async (tx) => {
    const count = await tx.datasetCase.count({ where: { datasetId } });
    if (count + cases.length > MAX_CASES) throw new AppError("unprocessable", `A dataset holds at most ${MAX_CASES} cases; this file would make ${count + cases.length}.`, []);
    const last = await tx.datasetCase.aggregate({ where: { datasetId }, _max: { position: true } });
    const start = (last._max.position ?? -1) + 1;
    await tx.datasetCase.createMany({ data: cases.map((c, i) => ({ ...c, datasetId, position: start + i })) });
    await tx.dataset.update({ where: { id: datasetId }, data: { updatedAt: new Date() } });
  });
  return { imported: cases.length };
}

export async function exportCases(workspaceId: string, datasetId: string, format: "csv" | "jsonl"): Promise<{ name: string; text: string }> {
  const dataset = await getDataset(workspaceId, datasetId);
  return { name: dataset.name, text: serializeCases(format, dataset.cases) };
}

export async function addCase(workspaceId: string, datasetId: string, body: CaseBody): Promise<DatasetCase> {
  await requireDataset(workspaceId, datasetId);
  const last = await db.datasetCase.aggregate({ where: { datasetId }, _max: { position: true } });
  return db.datasetCase.create({ data: { ...body, datasetId, position: (last._max.position ?? -1) + 1 }, select: CASE_SELECT });
}

async function requireCase(workspaceId: string, datasetId: string, caseId: string) {
  await requireDataset(workspaceId, datasetId);
  const found = await db.datasetCase.findFirst({ where: { id: caseId, datasetId } });
  if (!found) throw AppError.notFound("Case");
}

export async function updateCase(workspaceId: string, datasetId: string, caseId: string, body: CaseBody): Promise<DatasetCase> {
  await requireCase(workspaceId, datasetId, caseId);
  return db.datasetCase.update({ where: { id: caseId }, data: body, select: CASE_SELECT });
}

export async function deleteCase(workspaceId: string, datasetId: string, caseId: string): Promise<void> {
  await requireCase(workspaceId, datasetId, caseId);
  await db.datasetCase.delete({ where: { id: caseId } });
}
