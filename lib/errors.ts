/** Stable error codes; the HTTP layer maps each to a status (lib/api/respond.ts). */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  no_workspace: 409,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  invalid_graph: 422,
  unprocessable: 422,
  /** A stored graph or run snapshot this version cannot read: the request is fine, the stored document is not. */
  unreadable_document: 422,
  rate_limited: 429,
  /** The server is shutting down: try again on another (or the restarted) one. */
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The one typed error of the app: services throw it, routes turn it into JSON. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static notFound(what: string): AppError {
    return new AppError("not_found", `${what} not found.`);
  }
}
