import { z } from "zod";
import { buildOpenApiDocument, jsonSchemaOf, type ApiOperation, type OpenApiDocument } from "@/lib/api/openapi";
import { createApiKeyBody } from "@/lib/auth/api-keys";
import {
  acceptInvitationBody,
  accountBody,
  changePasswordBody,
  deleteWorkspaceBody,
  invitationBody,
  memberRoleBody,
  switchWorkspaceBody,
  switchWorkspaceQuery,
  workspaceBody,
} from "@/lib/auth/schemas";
import { graphDocumentSchema } from "@/lib/graph";
import { createGraphBody, estimateRunBody, updateGraphBody } from "@/lib/graphs/schemas";
import { createShareLinkBody, decideApprovalBody, healthQuery, listRunsQuery, operatorHealthSchema, listShareLinksQuery, runPageSchema, runTraceSchema, startRunBody } from "@/lib/runs";
import { providerSettingsBody } from "@/lib/workspaces/provider";
import { DOCUMENT_OPERATIONS } from "./operations-documents";
import { EVAL_OPERATIONS } from "./operations-evals";
import { TOOL_OPERATIONS } from "./operations-tools";
import { createProviderBody, updateProviderBody } from "@/lib/workspaces/provider-entries";

/**
 * Every /api/v1 operation, declared once with the schemas its route parses with. The
 * operations test fails when a route file or method is missing here, or when a handler
 * parses with another schema or guards with another role than declared.
 */

const GRAPH_BODY_NOTE =
  "`graph` is a graph document (schema `GraphDocument`). A well-formed one is stored with its `problems` listed (only a run refuses them); a malformed one answers 422 listing each error.";

const healthSchema = z.object({ status: z.enum(["ok", "unavailable"]), simulated: z.boolean().optional(), message: z.string().optional() }).extend(operatorHealthSchema.partial().shape);

export const OPERATIONS: readonly ApiOperation[] = [
  // Graphs
  {
    method: "GET", route: "/api/v1/graphs", operationId: "listGraphs", tag: "Graphs", auth: "workspace",
    summary: "List the workspace's graphs",
    response: { status: 200, description: "`{ graphs }`, most recently updated first." },
  },
  {
    method: "POST", route: "/api/v1/graphs", operationId: "createGraph", tag: "Graphs", auth: "workspace", minRole: "editor",
    summary: "Create a graph",
    description: GRAPH_BODY_NOTE,
    body: createGraphBody,
    errors: ["invalid_graph"],
    response: { status: 201, description: "The stored graph with its id and version." },
  },
  {
    method: "GET", route: "/api/v1/graphs/[id]", operationId: "getGraph", tag: "Graphs", auth: "workspace",
    summary: "Get a graph",
    response: { status: 200, description: "The graph: id, name, version, document." },
  },
  {
    method: "PUT", route: "/api/v1/graphs/[id]", operationId: "updateGraph", tag: "Graphs", auth: "workspace", minRole: "editor",
    summary: "Rename a graph or replace its document",
    description: `${GRAPH_BODY_NOTE} Send the \`version\` you edited: a newer stored one answers 409.`,
    body: updateGraphBody,
    errors: ["conflict"],
    response: { status: 200, description: "The stored graph with its new version." },
  },
  {
    method: "DELETE", route: "/api/v1/graphs/[id]", operationId: "deleteGraph", tag: "Graphs", auth: "workspace", minRole: "editor",
    summary: "Delete a graph",
    description: "Its runs stay, without a graph.",
    response: { status: 204, description: "Deleted." },
  },
  {
    method: "POST", route: "/api/v1/graphs/[id]/estimate", operationId: "estimateRun", tag: "Graphs", auth: "workspace",
    summary: "Estimate a run's cost",
    description:
      "Prices the stored graph (or the unsaved `graph` sent) for this task, per node and in total, low to high. Spends nothing. " +
      "Nodes with succeeded past runs of this graph (in the same mode, simulated or real, and the same role) are estimated from the tokens those runs used " +
      "(p10 / p50 / p90; each node's `basis` says which), and `accuracy` is the estimate's mean absolute percentage error on the latest past runs, each estimated from the runs before it.",
    body: estimateRunBody,
    response: { status: 200, description: "The estimate per node (with its `basis`: past runs or priors) and its totals, `historyRuns`, and `accuracy` (null with fewer than two past runs)." },
  },

  // Runs
  {
    method: "GET", route: "/api/v1/graphs/[id]/runs", operationId: "listGraphRuns", tag: "Runs", auth: "workspace",
    summary: "List a graph's recent runs",
    response: { status: 200, description: "`{ runs }`, newest first (at most 50)." },
  },
  {
    method: "POST", route: "/api/v1/graphs/[id]/runs", operationId: "startRun", tag: "Runs", auth: "workspace", minRole: "editor",
    summary: "Start a run",
    description:
      "Runs the stored graph on `input`; `budgetUsd` stops it once spent; `documents` attaches collections for the document tools. Follow it with `GET /api/v1/runs/{id}/events`, " +
      "or send `Accept: text/event-stream` to have this answer be that stream, from the run's first event (one round trip). Leaving the stream does not cancel the run; resume it on `GET /api/v1/runs/{id}/events` with `Last-Event-ID`.",
    body: startRunBody,
    errors: ["invalid_graph"],
    response: { status: 201, description: "`{ id, status }` of the new run; with `Accept: text/event-stream`, its event stream (`RunEvent`s), the run's URL in `Location`." },
  },
  {
    method: "GET", route: "/api/v1/runs", operationId: "listRuns", tag: "Runs", auth: "workspace",
    summary: "List the workspace's runs",
    description: "Newest first, optionally of one `status` and one `graphId`. Pass `nextCursor` as `cursor` for the next page.",
    query: listRunsQuery,
    response: { status: 200, description: "A page of runs.", schema: runPageSchema },
  },
  {
    method: "GET", route: "/api/v1/runs/[id]", operationId: "getRun", tag: "Runs", auth: "workspace",
    summary: "Get a run",
    description: "Status, task, output, per-node results, cost and flagship baseline; live while the run goes on.",
    response: { status: 200, description: "The run." },
  },
  {
    method: "POST", route: "/api/v1/runs/[id]/cancel", operationId: "cancelRun", tag: "Runs", auth: "workspace", minRole: "editor",
    summary: "Cancel a run",
    description: "Reaches the run wherever it executes: a run another server owns is stopped through its lease heartbeat.",
    errors: ["conflict"],
    response: { status: 200, description: "`{ id, status }`." },
  },
  {
    method: "POST", route: "/api/v1/runs/[id]/resume", operationId: "resumeRun", tag: "Runs", auth: "workspace", minRole: "editor",
    summary: "Resume a run",
    description:
      "Continues a run no live server executes (left `running` by a stopped server, or `interrupted`) from its stored events: finished node instances keep their results and cost, only unfinished work runs again, and numbering continues. Emits `run.resumed`.",
    errors: ["conflict"],
    response: { status: 200, description: "`{ id, status }`." },
  },
  {
    method: "POST", route: "/api/v1/runs/[id]/approvals/[nodeId]", operationId: "decideApproval", tag: "Runs", auth: "workspace", minRole: "editor",
    summary: "Decide an approval step",
    description:
      "A run that reached an `approval` node waits (status `waiting`, held by no server) until an editor decides. `approve` passes the upstream text on, or `text` instead (an edit); `reject` ends the run `failed` with `comment` as the reason. The decision is stored as an `approval.decided` event and the run resumes from its log. A step already decided, or a run not waiting, answers 409.",
    body: decideApprovalBody,
    errors: ["conflict"],
    response: { status: 200, description: "`{ id, status }`: the run, running again (or `interrupted` if it cannot resume)." },
  },
  {
    method: "GET", route: "/api/v1/runs/[id]/events", operationId: "streamRunEvents", tag: "Runs", auth: "workspace",
    summary: "Stream a run's events",
    description:
      "Server-sent events: a replay of every stored event, then live ones; the stream closes after the final event. Each event's `id:` is its `seq`: resume with `Last-Event-ID` (or `?after=<seq>`).",
    response: { status: 200, description: "An event stream of `RunEvent`s.", contentType: "text/event-stream" },
  },
  {
    method: "GET", route: "/api/v1/runs/[id]/trace", operationId: "getRunTrace", tag: "Runs", auth: "workspace",
    summary: "Download a run's trace",
    description: "The run and its whole event log as one JSON file (`Content-Disposition: attachment`).",
    response: { status: 200, description: "The trace.", schema: runTraceSchema },
  },
  ...DOCUMENT_OPERATIONS,
  // Sharing
  {
    method: "GET", route: "/api/v1/runs/[id]/shares", operationId: "listShareLinks", tag: "Sharing", auth: "workspace",
    summary: "List a run's share links",
    description: "Tokens are never listed.",
    response: { status: 200, description: "`{ links }`." },
  },
  {
    method: "POST", route: "/api/v1/runs/[id]/shares", operationId: "createShareLink", tag: "Sharing", auth: "workspace", minRole: "editor",
    summary: "Create a share link",
    description: "A read-only public link to the run; `hidePrompts` leaves the prompts, instructions and (unless `showTask`) the task out. The answer is the only place its URL appears.",
    body: createShareLinkBody,
    response: { status: 201, description: "The link with its `url`." },
  },
  {
    method: "GET", route: "/api/v1/shares", operationId: "listWorkspaceShareLinks", tag: "Sharing", auth: "workspace",
    summary: "List the workspace's share links",
    description: "Every working link, newest first, with its run, options, creator and last view. Tokens are never listed. Pass `nextCursor` as `cursor` for the next page.",
    query: listShareLinksQuery,
    response: { status: 200, description: "`{ links, nextCursor }`." },
  },
  {
    method: "DELETE", route: "/api/v1/shares/[id]", operationId: "revokeShareLink", tag: "Sharing", auth: "workspace", minRole: "editor",
    summary: "Revoke a share link",
    description: "Its page and open streams stop at once.",
    response: { status: 204, description: "Revoked." },
  },
  ...TOOL_OPERATIONS,
  ...EVAL_OPERATIONS,
  // Workspaces
  {
    method: "GET", route: "/api/v1/workspaces", operationId: "listWorkspaces", tag: "Workspaces", auth: "workspace",
    summary: "List the caller's workspaces",
    description: "An API key sees only its own.",
    response: { status: 200, description: "`{ activeWorkspaceId, user, workspaces }`." },
  },
  {
    method: "POST", route: "/api/v1/workspaces", operationId: "createWorkspace", tag: "Workspaces", auth: "session",
    summary: "Create a workspace",
    description: "The caller owns it, and it becomes the active one.",
    body: workspaceBody,
    response: { status: 201, description: "The new workspace." },
  },
  {
    method: "GET", route: "/api/v1/workspaces/current", operationId: "getCurrentWorkspace", tag: "Workspaces", auth: "workspace",
    summary: "Get the workspace the caller acts in",
    response: { status: 200, description: "The workspace and the caller's role." },
  },
  {
    method: "PATCH", route: "/api/v1/workspaces/current", operationId: "renameWorkspace", tag: "Workspaces", auth: "workspace", minRole: "owner",
    summary: "Rename the workspace",
    body: workspaceBody,
    response: { status: 200, description: "The renamed workspace." },
  },
  {
    method: "DELETE", route: "/api/v1/workspaces/current", operationId: "deleteWorkspace", tag: "Workspaces", auth: "workspace", minRole: "owner",
    summary: "Delete the workspace",
    description: "With everything in it: graphs, runs, share links, API keys, invitations, the provider key. `confirmName` repeats its name; refused (409) while a run is going.",
    body: deleteWorkspaceBody,
    errors: ["conflict"],
    response: { status: 204, description: "Deleted." },
  },
  {
    method: "POST", route: "/api/v1/workspaces/current/switch", operationId: "switchWorkspace", tag: "Workspaces", auth: "session",
    summary: "Switch the active workspace",
    body: switchWorkspaceBody,
    response: { status: 200, description: "The workspace now active (set in a cookie)." },
  },
  {
    method: "GET", route: "/api/v1/workspaces/current/switch", operationId: "followIntoWorkspace", tag: "Workspaces", auth: "session",
    summary: "Switch the active workspace, then go to a page",
    description: "For links into another of the caller's workspaces: switches, then answers 303 to `next` (a path of this app) marked `?switched=<id>`.",
    query: switchWorkspaceQuery,
    response: { status: 303, description: "Redirect to `next`." },
  },

  // Account
  {
    method: "PATCH", route: "/api/v1/account", operationId: "updateAccount", tag: "Account", auth: "session",
    summary: "Change your display name",
    body: accountBody,
    response: { status: 200, description: "`{ id, name, email }`." },
  },
  {
    method: "POST", route: "/api/v1/account/password", operationId: "changePassword", tag: "Account", auth: "session",
    summary: "Change your password",
    description: "Needs the current password; other sessions are signed out, this one goes on. Wrong guesses count toward the sign-in back-off.",
    body: changePasswordBody,
    response: { status: 204, description: "Changed." },
  },

  // Members and invitations
  {
    method: "GET", route: "/api/v1/members", operationId: "listMembers", tag: "Members", auth: "workspace",
    summary: "List the workspace's members",
    response: { status: 200, description: "`{ members }` with their roles." },
  },
  {
    method: "PATCH", route: "/api/v1/members/[id]", operationId: "changeMemberRole", tag: "Members", auth: "workspace", minRole: "owner",
    summary: "Change a member's role",
    description: "The last owner stays an owner (409).",
    body: memberRoleBody,
    errors: ["conflict"],
    response: { status: 200, description: "The member." },
  },
  {
    method: "DELETE", route: "/api/v1/members/[id]", operationId: "removeMember", tag: "Members", auth: "workspace",
    summary: "Remove a member, or leave",
    description: "Owners remove anyone; everyone may remove themselves; never the last owner (409).",
    errors: ["forbidden", "conflict"],
    response: { status: 204, description: "Removed." },
  },
  {
    method: "GET", route: "/api/v1/invitations", operationId: "listInvitations", tag: "Members", auth: "workspace", minRole: "owner",
    summary: "List invitation links",
    response: { status: 200, description: "`{ invitations }`, newest first, with their status." },
  },
  {
    method: "POST", route: "/api/v1/invitations", operationId: "createInvitation", tag: "Members", auth: "workspace", minRole: "owner",
    summary: "Create an invitation link",
    body: invitationBody,
    response: { status: 201, description: "The invitation; its token appears in this answer only." },
  },
  {
    method: "DELETE", route: "/api/v1/invitations/[id]", operationId: "revokeInvitation", tag: "Members", auth: "workspace", minRole: "owner",
    summary: "Revoke an invitation link",
    errors: ["conflict"],
    response: { status: 200, description: "The revoked invitation." },
  },
  {
    method: "POST", route: "/api/v1/invitations/accept", operationId: "acceptInvitation", tag: "Members", auth: "session",
    summary: "Accept an invitation",
    description: "Joins its workspace and makes it the active one.",
    body: acceptInvitationBody,
    errors: ["gone"],
    response: { status: 200, description: "`{ workspaceId, role, joined }`." },
  },

  // Settings
  {
    method: "GET", route: "/api/v1/api-keys", operationId: "listApiKeys", tag: "Settings", auth: "workspace", minRole: "owner",
    summary: "List API keys",
    response: { status: 200, description: "`{ apiKeys }`: names, prefixes and last use; never the keys." },
  },
  {
    method: "POST", route: "/api/v1/api-keys", operationId: "createApiKey", tag: "Settings", auth: "workspace", minRole: "owner",
    summary: "Create an API key",
    body: createApiKeyBody,
    response: { status: 201, description: "The key's details and `key` itself, shown this once." },
  },
  {
    method: "DELETE", route: "/api/v1/api-keys/[id]", operationId: "revokeApiKey", tag: "Settings", auth: "workspace", minRole: "owner",
    summary: "Revoke an API key",
    response: { status: 200, description: "The revoked key's details." },
  },
  {
    method: "GET", route: "/api/v1/provider", operationId: "getProvider", tag: "Settings", auth: "workspace",
    summary: "Get the model providers and catalog",
    description: "Every provider (the simulator, the server's `OPENAI_API_KEY` provider if set, the workspace's own) and the catalog overrides. Keys never leave the server: only their last four characters.",
    response: { status: 200, description: "`{ providers, catalog, source, simulated }`." },
  },
  {
    method: "PUT", route: "/api/v1/provider", operationId: "updateCatalog", tag: "Settings", auth: "workspace", minRole: "owner",
    summary: "Update the catalog: tier → model → provider, prices, capabilities",
    description: "`catalog: null` removes every override. A model naming a provider the workspace lacks answers 422.",
    body: providerSettingsBody,
    response: { status: 200, description: "The settings as stored." },
  },
  {
    method: "POST", route: "/api/v1/providers", operationId: "createProvider", tag: "Settings", auth: "workspace", minRole: "owner",
    summary: "Add a model provider",
    description: "OpenAI, Azure OpenAI, OpenRouter, Anthropic or Gemini (OpenAI-compatible endpoints), Ollama, vLLM, LM Studio or another OpenAI-compatible server. The base URL goes through the outbound address guard. The provider is saved, then tested: `check` says whether it answered.",
    body: createProviderBody,
    response: { status: 201, description: "`{ provider, check }`." },
  },
  {
    method: "PATCH", route: "/api/v1/providers/[id]", operationId: "updateModelProvider", tag: "Settings", auth: "workspace", minRole: "owner",
    summary: "Change a model provider",
    description: '`apiKey: ""` or absent keeps the stored key, `clearKey: true` removes it. Tested again after saving.',
    body: updateProviderBody,
    response: { status: 200, description: "`{ provider, check }`." },
  },
  {
    method: "DELETE", route: "/api/v1/providers/[id]", operationId: "deleteProvider", tag: "Settings", auth: "workspace", minRole: "owner",
    summary: "Remove a model provider",
    description: "Refused (409) while a model of the catalog still uses it.",
    errors: ["conflict"],
    response: { status: 200, description: "`{ id }`." },
  },
  {
    method: "POST", route: "/api/v1/providers/[id]/test", operationId: "testProvider", tag: "Settings", auth: "workspace", minRole: "owner",
    summary: "Test a provider's connection",
    description: "Lists its models (`/v1/models`) and makes one tiny call; `simulator` and `env` may be tested too.",
    response: { status: 200, description: "`{ ok, models, testedModel, error }`: the provider's exact error when it failed." },
  },

  // Catalog
  {
    method: "GET", route: "/api/v1/models", operationId: "listModels", tag: "Catalog", auth: "workspace",
    summary: "List models and tiers with prices",
    response: { status: 200, description: "`{ simulated, tiers, models }`." },
  },
  {
    method: "GET", route: "/api/v1/tools", operationId: "listTools", tag: "Catalog", auth: "workspace",
    summary: "List the tools nodes may use",
    response: { status: 200, description: "`{ tools }`." },
  },
  {
    method: "GET", route: "/api/v1/templates", operationId: "listTemplates", tag: "Catalog", auth: "workspace",
    summary: "List the starter graphs",
    response: { status: 200, description: "`{ templates }` with their documents." },
  },

  // System
  {
    method: "GET", route: "/api/v1/health", operationId: "health", tag: "System", auth: "public",
    summary: "Liveness and readiness",
    description: "With `detail=1`, for a workspace owner or an API key: the database and bus in use, the workspace's active runs, and this process's executing runs and event lag (events published but not stored yet).",
    query: healthQuery,
    response: { status: 200, description: "Ready; 503 until the database is migrated.", schema: healthSchema },
  },
  {
    method: "GET", route: "/api/v1/openapi.json", operationId: "openApiDocument", tag: "System", auth: "workspace",
    summary: "This API description",
    response: { status: 200, description: "The OpenAPI 3.1 document." },
  },
];

const DESCRIPTION = [
  "Everything the Tierflow app does goes through this API: graphs, runs and their live events, share links, workspaces and settings.",
  "**Authentication.** Send a workspace API key as `Authorization: Bearer $TIERFLOW_API_KEY` (Settings → API keys); it acts as an editor of its workspace. In the browser, the session cookie acts in the active workspace with the member's role.",
  "**Errors** answer `{ error: { code, message, details? } }`. Another workspace's ids answer 404, exactly as ids that do not exist.",
].join("\n\n");

const TAGS = [
  { name: "Graphs", description: "Graph documents: planners, executors and reviewers on model tiers." },
  { name: "Runs", description: "Start, follow, cancel, list and export runs." },
  { name: "Sharing", description: "Read-only public links to runs." },
  { name: "Workspaces" },
  { name: "Members", description: "Members, roles and invitation links." },
  { name: "Settings", description: "API keys and the model provider." },
  { name: "Catalog", description: "Models, tools and templates." },
  { name: "Evaluations", description: "Datasets, experiments over tier variants and the tier advisor: cost per successful outcome." },
  { name: "System" },
];

let document: OpenApiDocument | null = null;

/** The document `GET /api/v1/openapi.json` serves, built once per process. */
export function openApiDocument(): OpenApiDocument {
  document ??= buildOpenApiDocument(OPERATIONS, {
    title: "Tierflow API",
    version: "1",
    description: DESCRIPTION,
    tags: TAGS,
    schemas: { GraphDocument: jsonSchemaOf(graphDocumentSchema, "input") },
  });
  return document;
}
