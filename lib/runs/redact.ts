/**
 * Provider errors may echo the key they were sent (a 401 saying "Incorrect API key provided:
 * sk-…"). Run events, stored errors and logs pass through a redactor first, so no secret ever
 * reaches the database, a viewer, a share link or a log line.
 */

/** Replaces secrets in a piece of text. */
export type Redactor = (text: string) => string;

const REDACTED = "[redacted]";
// Key-shaped tokens even when they are not the key we sent: OpenAI-style `sk-…`, Tierflow API keys, bearer credentials.
const KEY_SHAPED: [RegExp, string][] = [
  [/\bsk-[A-Za-z0-9_-]{6,}/g, REDACTED],
  [/\btf_key_[A-Za-z0-9_-]{6,}/g, REDACTED],
  // A digit is required so prose ("Bearer authentication") stays as written.
  [/\b(Bearer\s+)(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,}/gi, `$1${REDACTED}`],
];
// Shorter secrets would redact ordinary words.
const MIN_SECRET_LENGTH = 8;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A redactor for the given secrets (blank and very short ones are ignored) and anything key-shaped. */
export function createRedactor(secrets: readonly (string | null | undefined)[]): Redactor {
  const exact = secrets.filter((s): s is string => typeof s === "string" && s.trim().length >= MIN_SECRET_LENGTH);
  const rules: [RegExp, string][] = [...exact.map((secret): [RegExp, string] => [new RegExp(escapeRegExp(secret), "g"), REDACTED]), ...KEY_SHAPED];
  return (text) => rules.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** A copy of a JSON-like value with every string passed through `redact`; unchanged parts keep their identity. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const next = value.map((item: unknown) => {
      const after = redactDeep(item, redact);
      if (after !== item) changed = true;
      return after;
    });
    return (changed ? next : value) as T;
  }
  if (value !== null && typeof value === "object") {
    let changed = false;
    const next: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const after = redactDeep(item, redact);
      if (after !== item) changed = true;
      next[key] = after;
    }
    return (changed ? next : value) as T;
  }
  return value;
}

/** The message of any thrown value, redacted: what may be stored or logged about an error. */
export function redactedMessage(error: unknown, redact: Redactor): string {
  return redact(error instanceof Error ? error.message || error.name : String(error));
}
