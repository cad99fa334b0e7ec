import type { GraphDocument, GraphIssue } from "@/lib/graph";

/** A stored graph as `/api/v1/graphs/:id` returns it. */
export interface SavedGraph {
  id: string;
  name: string;
  graph: GraphDocument;
  /** What keeps it from running; a graph is saved with its problems. */
  problems: GraphIssue[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A row of the graph list. */
export interface GraphListItem {
  id: string;
  name: string;
  version: number;
  /** Null when the stored document cannot be read by this version. */
  nodeCount: number | null;
  /** Problems that keep it from running; null when the document cannot be read. */
  problemCount: number | null;
  /** Runs stopped at an approval step, waiting for a person. */
  waitingRuns: number;
  updatedAt: string;
}

/** An API error as the app's routes send it; `status` 0 means the server could not be reached. */
export interface ApiError {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Calls one of the app's JSON routes; errors come back as values, never thrown. */
export async function call<T>(method: string, url: string, body?: unknown, init?: RequestInit): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      ...init,
    });
  } catch {
    return { ok: false, error: { status: 0, code: "network", message: "Could not reach the server. Check your connection." } };
  }
  if (response.status === 204) return { ok: true, value: undefined as T };
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, value: payload as T };
  const error = (payload as { error?: Partial<ApiError> } | null)?.error;
  return {
    ok: false,
    error: {
      status: response.status,
      code: error?.code ?? "http_error",
      message: error?.message ?? `The server answered ${response.status}.`,
      details: error?.details,
    },
  };
}

/** The graph REST API, for client components. */
export const graphApi = {
  get: (id: string) => call<SavedGraph>("GET", `/api/v1/graphs/${encodeURIComponent(id)}`),
  create: (name: string, graph: GraphDocument) => call<SavedGraph>("POST", "/api/v1/graphs", { name, graph }),
  /** With `version`, the save is refused (409, `details.currentVersion`) when someone saved in between. */
  update: (id: string, body: { name?: string; graph?: GraphDocument; version?: number }, init?: RequestInit) =>
    call<SavedGraph>("PUT", `/api/v1/graphs/${encodeURIComponent(id)}`, body, init),
  remove: (id: string) => call<void>("DELETE", `/api/v1/graphs/${encodeURIComponent(id)}`),
};
