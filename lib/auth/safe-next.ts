/**
 * Where to go after signing in: `next` when it is a path on this site, "/" otherwise.
 * Protocol-relative ("//evil.example") and backslash tricks ("/\evil.example") would leave
 * the site, so only a single leading slash followed by something else is accepted.
 */
export function safeNext(next: string | string[] | null | undefined, fallback = "/"): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\\]/.test(value)) return fallback;
  return value;
}
