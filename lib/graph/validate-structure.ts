import { z } from "zod";
import { describeNode, type GraphIssue } from "./issues";
import { ROLE_DEFINITIONS, ROLES, isRole } from "./roles";
import { TIERS } from "./tiers";

type Path = (string | number)[];

/**
 * Turns zod's issues for a graph document into GraphIssues: each names the node or edge it
 * concerns (looked up in the raw document by the index in its path) and says what is wrong
 * in words a user understands.
 */
export function structuralIssues(error: z.ZodError, document: Record<string, unknown>): GraphIssue[] {
  return error.issues.map((issue) => toGraphIssue(issue, document));
}

function toGraphIssue(issue: z.core.$ZodIssue, document: Record<string, unknown>): GraphIssue {
  const path: Path = issue.path.map((segment) => (typeof segment === "number" ? segment : String(segment)));
  const value = valueAt(document, path);
  const located = locate(document, path);
  const field = fieldName(located.fieldPath, located.role);
  const ids = { ...(located.nodeId && { nodeId: located.nodeId }), ...(located.edgeId && { edgeId: located.edgeId }) };

  if (located.kind === "node" && located.fieldPath.join(".") === "tier" && value !== undefined) {
    return {
      code: "unknown_tier",
      message: `${located.subject} uses unknown tier ${JSON.stringify(value)}. Choose ${listWords(TIERS)}.`,
      ...ids,
      path,
    };
  }

  if (issue.code === "too_big" && issue.origin === "array" && path.length === 1) {
    return {
      code: "field_too_large",
      message: `The graph has more than ${issue.maximum} ${path[0]}.`,
      path,
    };
  }

  const code: GraphIssue["code"] =
    issue.code === "too_big" && (issue.origin === "string" || issue.origin === "array") ? "field_too_large" : "invalid_field";
  const problem = describeProblem(issue, value, located.fieldPath);
  const message = field ? `${located.subject}: ${field} ${problem}.` : `${located.subject} ${problem}.`;
  return { code, message, ...ids, path };
}

interface Located {
  kind: "node" | "edge" | "graph";
  subject: string;
  fieldPath: Path;
  nodeId?: string;
  edgeId?: string;
  role?: string;
}

function locate(document: Record<string, unknown>, path: Path): Located {
  const [collection, index] = path;
  if ((collection === "nodes" || collection === "edges") && typeof index === "number") {
    const item = valueAt(document, [collection, index]);
    const record = isRecord(item) ? item : {};
    const id = typeof record.id === "string" && record.id !== "" ? record.id : undefined;
    const fieldPath = path.slice(2);
    if (collection === "nodes") {
      const subject = id ? describeNode({ id, role: record.role, label: record.label }) : `Node #${index + 1}`;
      return { kind: "node", subject, fieldPath, nodeId: id, role: typeof record.role === "string" ? record.role : undefined };
    }
    return { kind: "edge", subject: id ? `Edge "${id}"` : `Edge #${index + 1}`, fieldPath, edgeId: id };
  }
  if (collection === "settings") return { kind: "graph", subject: "Graph settings", fieldPath: path.slice(1) };
  return { kind: "graph", subject: "The graph", fieldPath: path };
}

/** `options.concurrency` reads as the option's title ("Concurrency"); other paths as written. */
function fieldName(fieldPath: Path, role: string | undefined): string {
  if (fieldPath.length === 2 && fieldPath[0] === "options" && isRole(role)) {
    const shape: Record<string, z.ZodType> = ROLE_DEFINITIONS[role].optionsSchema.shape;
    const option = typeof fieldPath[1] === "string" && Object.hasOwn(shape, fieldPath[1]) ? shape[fieldPath[1]] : undefined;
    const title = option ? z.globalRegistry.get(option)?.title : undefined;
    if (title) return title;
  }
  return fieldPath.reduce<string>((name, segment) => {
    if (typeof segment === "number") return `${name}[${segment}]`;
    return name ? `${name}.${segment}` : segment;
  }, "");
}

function describeProblem(issue: z.core.$ZodIssue, value: unknown, fieldPath: Path): string {
  switch (issue.code) {
    case "too_big": {
      const limit = Number(issue.maximum);
      if (issue.origin === "string") return `is longer than ${limit} characters`;
      if (issue.origin === "array") return `has more than ${limit} items`;
      return issue.inclusive ? `must be at most ${limit}` : `must be less than ${limit}`;
    }
    case "too_small": {
      const limit = Number(issue.minimum);
      if (issue.origin === "string") return limit === 1 ? "must not be empty" : `must be at least ${limit} characters long`;
      if (issue.origin === "array") return `must have at least ${limit} items`;
      return issue.inclusive ? `must be at least ${limit}` : `must be greater than ${limit}`;
    }
    case "invalid_type":
      if (value === undefined) return "is missing";
      if (issue.expected === "int") return "must be a whole number";
      if (issue.expected === "number" && typeof value === "number") return "must be a finite number";
      return `must be ${article(issue.expected)}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${listWords(issue.values.map((v) => String(v)))}`;
    case "invalid_union":
      if (fieldPath[fieldPath.length - 1] === "role") {
        return value === undefined ? "is missing" : `must be one of ${listWords(ROLES)}, not ${JSON.stringify(value)}`;
      }
      return "has an invalid value";
    case "invalid_format":
      return issue.format === "regex" ? issue.message : `must be a valid ${issue.format}`;
    default:
      return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  }
}

function article(expected: string): string {
  if (expected === "array") return "a list";
  if (expected === "object") return "an object";
  if (expected === "string") return "text";
  return `a ${expected}`;
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === "number") current = current[segment];
    else if (isRecord(current) && typeof segment === "string" && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
