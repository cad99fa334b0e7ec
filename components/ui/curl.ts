/** `curl` commands for the app's JSON API, for "Copy as curl" buttons. */

/** One POSIX shell word in single quotes: nothing inside is expanded, whatever the text holds. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Who the command authenticates as: a literal key, or an environment variable the shell expands. */
export type CurlAuth = { key: string } | { env: string };

/**
 * The command for one call: `origin` + `path`, a bearer credential, and a JSON body sent
 * exactly as given. Lines are continued with backslashes, so it pastes into any POSIX shell.
 */
export function curlCommand({ method, origin, path, auth, body }: { method: string; origin: string; path: string; auth: CurlAuth; body?: unknown }): string {
  const credential = "env" in auth ? `"Authorization: Bearer $${auth.env}"` : shellQuote(`Authorization: Bearer ${auth.key}`);
  const parts = [`curl${method === "GET" ? "" : ` -X ${method}`} ${shellQuote(new URL(path, origin).toString())}`, `-H ${credential}`];
  if (body !== undefined) parts.push(`-H 'Content-Type: application/json'`, `-d ${shellQuote(JSON.stringify(body))}`);
  return parts.join(" \\\n  ");
}
