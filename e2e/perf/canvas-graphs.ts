/**
 * Graphs for the canvas benchmark: teams of one planner, `workers` executors and one
 * reviewer, laid out in a grid of teams, the way large real graphs repeat a pattern.
 */
export interface BenchGraph {
  schemaVersion: 1;
  nodes: Record<string, unknown>[];
  edges: { id: string; source: string; target: string; kind: "data" | "revise" }[];
}

const COLUMN = 300;
const ROW = 150;

/** A valid graph of exactly `total` nodes (at least 3), in teams of up to 20. */
export function benchGraph(total: number): BenchGraph {
  if (total < 3) throw new Error("A bench graph needs at least 3 nodes.");
  const nodes: Record<string, unknown>[] = [];
  const edges: BenchGraph["edges"] = [];
  const teams = Math.ceil(total / 20);
  const teamsPerRow = Math.ceil(Math.sqrt(teams));
  let left = total;
  for (let team = 0; team < teams; team++) {
    const size = Math.min(20, left);
    left -= size;
    const origin = { x: (team % teamsPerRow) * COLUMN * 5, y: Math.floor(team / teamsPerRow) * ROW * 11 };
    const planner = `t${team}-plan`;
    const reviewer = `t${team}-review`;
    const workers = size - 2;
    nodes.push(node(planner, "planner", `Planner ${team + 1}`, "flagship", origin.x, origin.y + ROW * 4));
    for (let index = 0; index < workers; index++) {
      const id = `t${team}-w${index}`;
      const column = index % 2;
      const row = Math.floor(index / 2);
      nodes.push(node(id, "executor", `Worker ${team + 1}.${index + 1}`, index % 3 === 0 ? "nano" : "mini", origin.x + COLUMN * (1 + column), origin.y + ROW * row, index % 4 === 0 ? ["calculator"] : []));
      edges.push({ id: `${planner}->${id}`, source: planner, target: id, kind: "data" });
      edges.push({ id: `${id}->${reviewer}`, source: id, target: reviewer, kind: "data" });
    }
    nodes.push(node(reviewer, "reviewer", `Reviewer ${team + 1}`, "flagship", origin.x + COLUMN * 3, origin.y + ROW * 4));
    if (workers > 0) edges.push({ id: `${reviewer}-revises-t${team}-w0`, source: reviewer, target: `t${team}-w0`, kind: "revise" });
  }
  return { schemaVersion: 1, nodes, edges };
}

function node(id: string, role: string, label: string, tier: string, x: number, y: number, tools: string[] = []) {
  return { id, role, label, tier, tools, position: { x, y } };
}
