import fc from "fast-check";
import { GRAPH_ISSUE_CODES, type GraphIssue } from "./issues";
import { TEMPLATES } from "./templates";
import { pipeline, rawEdge, rawGraph, rawNode } from "./testing";

/**
 * Property-based test support (fast-check): graph documents that are random, or valid ones
 * mutated a few times, and the check that every issue reported about one names its node or
 * field. Tests only; not part of the public API.
 */

/** Strings that have broken parsers before: prototype keys, role and tier names, limits, odd characters. */
const NASTY_STRINGS = [
  "",
  " ",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "planner",
  "executor",
  "reviewer",
  "flagship",
  "nano",
  "data",
  "revise",
  "calculator",
  "work",
  "plan",
  "\u0000",
  "\ud800",
  "💥",
  "a".repeat(81),
  "x".repeat(65),
  "-1",
  "NaN",
  "[object Object]",
];

/** Any value a field might be given: JSON of every type, numbers at the edges, nasty strings. */
export const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.jsonValue({ maxDepth: 2 }),
  fc.integer({ min: -3, max: 300 }),
  fc.constantFrom(0, -0, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, NaN, Infinity),
  fc.string({ unit: "binary", maxLength: 12 }),
);

const MUTATIONS = ["set", "delete", "duplicate", "retarget", "addEdge", "rename", "retype"] as const;
type Mutation = [kind: (typeof MUTATIONS)[number], pick: number, other: number, value: unknown];

/** Valid documents to start from: the templates and the test fixtures. */
const BASES: readonly unknown[] = [
  ...TEMPLATES.map((template) => template.graph),
  pipeline(),
  rawGraph(
    [rawNode("planner", "p"), rawNode("executor", "a", { label: "A" }), rawNode("executor", "b", { label: "B" }), rawNode("reviewer", "r")],
    [rawEdge("p", "a"), rawEdge("p", "b"), rawEdge("a", "r"), rawEdge("b", "r"), rawEdge("r", "a", { kind: "revise" })],
  ),
];

type Container = Record<string, unknown> | unknown[];
const isContainer = (value: unknown): value is Container => typeof value === "object" && value !== null;

/** Every container in a document with the keys it holds, so a mutation can pick one at random. */
function slots(root: unknown): { parent: Container; key: string | number }[] {
  const found: { parent: Container; key: string | number }[] = [];
  const walk = (value: unknown) => {
    if (!isContainer(value)) return;
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    for (const key of keys) {
      found.push({ parent: value, key });
      walk((value as Record<string | number, unknown>)[key]);
    }
  };
  walk(root);
  return found;
}

const listOf = (doc: unknown, name: string): unknown[] | null => {
  const list = isContainer(doc) && !Array.isArray(doc) ? doc[name] : undefined;
  return Array.isArray(list) ? list : null;
};

const idsOf = (doc: unknown): unknown[] => (listOf(doc, "nodes") ?? []).map((node) => (isContainer(node) && !Array.isArray(node) ? node.id : undefined));

function mutate(doc: unknown, [kind, pick, other, value]: Mutation): unknown {
  if (!isContainer(doc)) return value;
  const all = slots(doc);
  const ids = idsOf(doc);
  const anId = (n: number) => (ids.length > 0 && n % 3 !== 0 ? ids[n % ids.length] : value);
  const at = all.length > 0 ? all[pick % all.length] : null;
  const nodes = listOf(doc, "nodes");
  const edges = listOf(doc, "edges");
  switch (kind) {
    case "set":
      if (at) (at.parent as Record<string | number, unknown>)[at.key] = value;
      break;
    case "delete":
      if (at && Array.isArray(at.parent)) at.parent.splice(at.key as number, 1);
      else if (at) delete (at.parent as Record<string, unknown>)[at.key as string];
      break;
    case "duplicate": {
      const lists = all.map((slot) => (slot.parent as Record<string | number, unknown>)[slot.key]).filter(Array.isArray);
      const list = lists.length > 0 ? lists[pick % lists.length] : null;
      if (list && list.length > 0) list.push(structuredClone(list[other % list.length]));
      break;
    }
    case "retarget": {
      const edge = edges && edges.length > 0 ? edges[pick % edges.length] : null;
      if (isContainer(edge) && !Array.isArray(edge)) edge[other % 2 === 0 ? "source" : "target"] = anId(other);
      break;
    }
    case "addEdge":
      edges?.push({ id: other % 4 === 0 ? value : `fuzz-${edges.length}`, source: anId(pick), target: anId(other), ...(other % 5 === 0 ? { kind: value } : { kind: other % 2 ? "revise" : "data" }) });
      break;
    case "rename": {
      const node = nodes && nodes.length > 0 ? nodes[pick % nodes.length] : null;
      if (isContainer(node) && !Array.isArray(node)) node.id = anId(other);
      break;
    }
    case "retype":
      if (at) {
        const current = (at.parent as Record<string | number, unknown>)[at.key];
        (at.parent as Record<string | number, unknown>)[at.key] = Array.isArray(current) ? { ...current } : isContainer(current) ? [current] : typeof current === "string" ? [current] : String(current);
      }
      break;
  }
  return doc;
}

/** A valid document mutated one to six times: mostly invalid, in every way a field or an edge can be. */
export const mutatedGraph: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.nat({ max: BASES.length - 1 }),
    fc.array(fc.tuple(fc.constantFrom(...MUTATIONS), fc.nat(), fc.nat(), fieldValue), { minLength: 1, maxLength: 6 }),
  )
  .map(([base, mutations]) => mutations.reduce<unknown>((doc, mutation) => mutate(doc, mutation as Mutation), structuredClone(BASES[base])));

const rawNodeArbitrary = fc.record(
  {
    id: fc.oneof(fc.constantFrom("a", "b", "c"), fieldValue),
    role: fc.oneof(fc.constantFrom("planner", "executor", "reviewer"), fieldValue),
    label: fc.oneof(fc.constantFrom("A", "B"), fieldValue),
    tier: fc.oneof(fc.constantFrom("flagship", "mini", "nano"), fieldValue),
    tools: fc.oneof(fc.constant(["calculator"]), fieldValue),
    instructions: fieldValue,
    position: fc.oneof(fc.constant({ x: 0, y: 0 }), fieldValue),
    options: fc.oneof(fc.dictionary(fc.constantFrom("concurrency", "maxToolCalls", "maxOutputTokens", "maxRevisions", "maxSubtasks", "temperature", "__proto__"), fieldValue), fieldValue),
  },
  { requiredKeys: [] },
);

/** A document built from scratch: fields present or not, of the right type or any other. */
export const randomGraph: fc.Arbitrary<unknown> = fc.oneof(
  fc.record(
    {
      schemaVersion: fc.oneof(fc.constant(1), fieldValue),
      nodes: fc.oneof(fc.array(rawNodeArbitrary, { maxLength: 5 }), fieldValue),
      edges: fc.oneof(
        fc.array(fc.record({ id: fc.oneof(fc.string(), fieldValue), source: fc.oneof(fc.constantFrom("a", "b", "c"), fieldValue), target: fc.oneof(fc.constantFrom("a", "b", "c"), fieldValue), kind: fc.oneof(fc.constantFrom("data", "revise"), fieldValue) }, { requiredKeys: [] }), { maxLength: 6 }),
        fieldValue,
      ),
      settings: fieldValue,
    },
    { requiredKeys: [] },
  ),
  fieldValue,
);

/** Random and mutated documents, half and half. */
export const anyGraph: fc.Arbitrary<unknown> = fc.oneof(mutatedGraph, randomGraph);

const recordAt = (document: unknown, collection: "nodes" | "edges", index: unknown): Record<string, unknown> | null => {
  const item = typeof index === "number" ? listOf(document, collection)?.[index] : undefined;
  return isContainer(item) && !Array.isArray(item) ? item : null;
};

/** How messages may call the node(s) with `id`: each one's trimmed label, or the id (trimmed too: it stands in for the label). */
function namesOf(document: unknown, id: string): string[] {
  return (listOf(document, "nodes") ?? []).flatMap((node) => {
    if (!isContainer(node) || Array.isArray(node) || node.id !== id) return [];
    return [typeof node.label === "string" && node.label.trim() !== "" ? node.label.trim() : id.trim() || id];
  });
}

/**
 * What is wrong with how `issues` describe `document`: an empty list when each has a known
 * code and a sentence, its path leads into the document, and an issue about a node or edge
 * with a usable id names it (so the canvas can mark it).
 */
export function issueNamingProblems(document: unknown, issues: readonly GraphIssue[]): string[] {
  const problems: string[] = [];
  const ids = new Set(idsOf(document).filter((id): id is string => typeof id === "string"));
  for (const issue of issues) {
    const about = `${issue.code} ${JSON.stringify(issue.path)}: ${issue.message}`;
    if (!(GRAPH_ISSUE_CODES as readonly string[]).includes(issue.code)) problems.push(`unknown code: ${about}`);
    if (typeof issue.message !== "string" || issue.message.trim().length < 10 || issue.message.includes("[object ")) {
      if (!JSON.stringify(document ?? null).includes("[object ")) problems.push(`no readable message: ${about}`);
    }
    if (!Array.isArray(issue.path)) {
      problems.push(`no path: ${about}`);
      continue;
    }
    // Every segment but the last must exist: the last may name a missing field.
    let at: unknown = document;
    for (const segment of issue.path.slice(0, -1)) {
      at = isContainer(at) ? (at as Record<string | number, unknown>)[segment] : undefined;
      if (at === undefined) {
        problems.push(`path leads nowhere: ${about}`);
        break;
      }
    }
    if (issue.nodeId !== undefined && !ids.has(issue.nodeId)) problems.push(`names node "${issue.nodeId}", not in the document: ${about}`);
    // The sentence names the node as the canvas shows it: by label, or by id when it has none.
    if (issue.nodeId !== undefined && !namesOf(document, issue.nodeId).some((name) => issue.message.includes(name))) problems.push(`message does not name node "${issue.nodeId}": ${about}`);
    const [collection, index] = issue.path;
    if (collection === "nodes") {
      const node = recordAt(document, "nodes", index);
      if (node && typeof node.id === "string" && node.id !== "" && issue.nodeId !== node.id) problems.push(`does not name node "${node.id}": ${about}`);
    }
    if (collection === "edges") {
      const edge = recordAt(document, "edges", index);
      if (edge && typeof edge.id === "string" && edge.id !== "" && issue.edgeId !== edge.id) problems.push(`does not name edge "${edge.id}": ${about}`);
    }
  }
  return problems;
}
