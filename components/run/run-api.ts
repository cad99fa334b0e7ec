import type { RunStatus } from "@/lib/engine/events";
import type { GraphDocument } from "@/lib/graph";
import type { RunEstimate } from "@/lib/engine/estimate";
import type { ShareLinkInfo } from "@/lib/runs/share-links";

/** The browser's calls to the run API; every answer is `{ ok: true, value }` or `{ ok: false, error }`, never a throw. */

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: { message: string; problems: string[] } };

/** A row of a graph's run history (`GET /api/v1/graphs/:id/runs`). */
export interface RunHistoryItem {
  id: string;
  status: RunStatus;
  input: string;
  simulated: boolean;
  costUsd: number;
  baselineCostUsd: number;
  createdAt: string;
  durationMs: number | null;
}

export interface StartRunRequest {
  input: string;
  budgetUsd?: number;
  /** Document collections the run's document tools may read. */
  documents?: string[];
  simulation?: { speed?: number };
}

interface ErrorBody {
  error?: { message?: string; details?: { errors?: { message: string }[] } | { message: string }[] };
}

async function call<T>(url: string, init?: RequestInit): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  } catch {
    return { ok: false, error: { message: "The server could not be reached.", problems: [] } };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, value: body as T };
  const error = (body as ErrorBody | null)?.error;
  const details = error?.details;
  const list = Array.isArray(details) ? details : (details?.errors ?? []);
  return { ok: false, error: { message: error?.message ?? `The request failed (${response.status}).`, problems: list.map((d) => d.message) } };
}

/** A share link as the run page lists it (`GET /api/v1/runs/:id/shares`). */
export type ShareLinkItem = ShareLinkInfo;

/** Where the browser reads a run: this base answers its status, `${base}/events` streams it. A share page uses `/api/share/:token`. */
export const privateRunUrl = (runId: string) => `/api/v1/runs/${encodeURIComponent(runId)}`;

/** Where a graph's runs are started (POST) and listed (GET). */
export const startRunPath = (graphId: string) => `/api/v1/graphs/${encodeURIComponent(graphId)}/runs`;

export const runApi = {
  start: (graphId: string, body: StartRunRequest) => call<{ id: string; status: RunStatus }>(startRunPath(graphId), { method: "POST", body: JSON.stringify(body) }),
  decide: (runId: string, nodeId: string, body: { decision: "approve"; text?: string; comment?: string } | { decision: "reject"; comment: string }) =>
    call<{ id: string; status: RunStatus }>(`${privateRunUrl(runId)}/approvals/${encodeURIComponent(nodeId)}`, { method: "POST", body: JSON.stringify(body) }),
  cancel: (runId: string) => call<{ id: string; status: RunStatus }>(`/api/v1/runs/${encodeURIComponent(runId)}/cancel`, { method: "POST" }),
  status: (runId: string) => runApi.statusAt(privateRunUrl(runId)),
  statusAt: (runUrl: string) => call<{ status: RunStatus }>(runUrl),
  history: (graphId: string) => call<{ runs: RunHistoryItem[] }>(startRunPath(graphId)),
  shares: (runId: string) => call<{ links: ShareLinkItem[] }>(`${privateRunUrl(runId)}/shares`),
  share: (runId: string, visibility: { hidePrompts: boolean; showTask: boolean }) =>
    call<ShareLinkItem & { url: string }>(`${privateRunUrl(runId)}/shares`, { method: "POST", body: JSON.stringify(visibility) }),
  revokeShare: (linkId: string) => call<null>(`/api/v1/shares/${encodeURIComponent(linkId)}`, { method: "DELETE" }),
  estimate: (graphId: string, input: string, graph: GraphDocument, documents: readonly string[], signal?: AbortSignal) =>
    call<RunEstimate>(`/api/v1/graphs/${encodeURIComponent(graphId)}/estimate`, { method: "POST", body: JSON.stringify({ input, graph, documents }), signal }),
};
