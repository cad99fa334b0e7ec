import { z } from "zod";
import { graphDocumentSchema, type GraphDocument } from "../schema";
import codebaseDocs from "./codebase-docs.json";
import researchReview from "./research-review.json";
import triageAtScale from "./triage-at-scale.json";

/** A starter graph offered when creating a new one. */
export interface GraphTemplate {
  /** kebab-case, stable: links and tests refer to it. */
  id: string;
  name: string;
  description: string;
  graph: GraphDocument;
}

const templateFileSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: z.string().min(1),
  description: z.string().min(1),
  graph: graphDocumentSchema,
});

/** The built-in templates, parsed from their JSON files (defaults applied). */
export const TEMPLATES: readonly GraphTemplate[] = [codebaseDocs, researchReview, triageAtScale].map((file) =>
  templateFileSchema.parse(file),
);

/** A fresh copy of a template, safe to edit; undefined for an unknown id. */
export function getTemplate(id: string): GraphTemplate | undefined {
  const template = TEMPLATES.find((candidate) => candidate.id === id);
  return template && structuredClone(template);
}
