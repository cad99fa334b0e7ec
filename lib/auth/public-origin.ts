import { fromTrustedProxy } from "./client-address";

/**
 * The origin people reach Tierflow at, for every absolute URL the server writes (share and
 * invitation links) and for every same-origin check (the API guard, better-auth's trusted
 * origins). One rule, here:
 *
 * 1. `BETTER_AUTH_URL`, when set: the one configured public URL (better-auth reads it too,
 *    for its own callbacks), so links never depend on how a request happened to arrive;
 * 2. else, behind a proxy declared in `TIERFLOW_TRUSTED_PROXIES`, the `X-Forwarded-Host` and
 *    `X-Forwarded-Proto` that proxy set;
 * 3. else the request's own `Host` header, over http (`next start` speaks plain HTTP; put
 *    TLS in front and declare it, or set the URL);
 * 4. else the request URL's origin (requests built in-process carry no `Host`).
 *
 * `request.url` alone is no guide: behind `next start -H 127.0.0.1` it always says
 * `http://localhost:<port>`.
 */

// A host header value: a name or IPv4 with an optional port, or a bracketed IPv6 with one.
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The configured public origin (`BETTER_AUTH_URL`), or null; throws when it is not an http(s) URL. */
export function configuredPublicOrigin(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env.BETTER_AUTH_URL?.trim();
  if (!value) return null;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // Reported below.
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new Error(`BETTER_AUTH_URL must be the app's public http(s) URL, e.g. https://tierflow.example.com (got "${value}").`);
  }
  return url.origin;
}

/** The last value of a comma-separated forwarded header: the one the nearest proxy wrote. */
function nearest(value: string | null): string | null {
  const last = value?.split(",").pop()?.trim();
  return last ? last : null;
}

/** The public origin of a request, by the rule above, e.g. `https://tierflow.example.com`. */
export function publicOrigin(request: Request, env: NodeJS.ProcessEnv = process.env): string {
  const configured = configuredPublicOrigin(env);
  if (configured) return configured;
  if (fromTrustedProxy(request, env)) {
    const host = nearest(request.headers.get("x-forwarded-host"));
    const proto = nearest(request.headers.get("x-forwarded-proto"))?.toLowerCase();
    if (host && HOST.test(host)) return `${proto === "https" ? "https" : "http"}://${host.toLowerCase()}`;
  }
  const host = request.headers.get("host");
  if (host && HOST.test(host)) return `http://${host.toLowerCase()}`;
  return new URL(request.url).origin;
}

/** An absolute URL for a path of this app, on the request's public origin. */
export function publicUrl(request: Request, path: string, env: NodeJS.ProcessEnv = process.env): string {
  return new URL(path, publicOrigin(request, env)).toString();
}

/**
 * Whether a browser `Origin` names this app. Hosts are compared, not schemes: without a
 * configured URL or a declared proxy the server cannot know whether TLS was terminated in
 * front of it, and a page on another host is what a cross-site request looks like.
 */
export function isPublicOrigin(origin: string, request: Request, env: NodeJS.ProcessEnv = process.env): boolean {
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" and malformed origins
  }
  return host !== "" && host === new URL(publicOrigin(request, env)).host;
}

/** better-auth's `trustedOrigins` for a request: the public host, over either scheme. */
export function trustedOriginsFor(request: Request | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  if (!request) return [];
  const { host } = new URL(publicOrigin(request, env));
  return [`http://${host}`, `https://${host}`];
}
