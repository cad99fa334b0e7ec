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

/**
 * A redactor that replaces verbatim copies of `texts` (also trimmed, and as they read inside a
 * JSON string, e.g. a tool call's arguments), longest first so a text containing another goes
 * whole. Texts shorter than `minLength` are ignored: they would cut ordinary words.
 */
export function createTextRedactor(texts: Iterable<string>, replacement: string, minLength = MIN_SECRET_LENGTH): Redactor {
  const forms = new Set<string>();
  for (const text of texts) {
    for (const form of [text, text.trim()]) {
      if (form.trim().length < minLength) continue;
      forms.add(form);
      forms.add(JSON.stringify(form).slice(1, -1));
    }
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => ordered.reduce((out, form) => (out.includes(form) ? out.split(form).join(replacement) : out), text);
}

/** A redactor for the given secrets (blank and very short ones are ignored) and anything key-shaped. */
export function createRedactor(secrets: readonly (string | null | undefined)[]): Redactor {
  const exact = createTextRedactor(
    secrets.filter((s): s is string => typeof s === "string"),
    REDACTED,
  );
  return (text) => KEY_SHAPED.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), exact(text));
}

const NOTHING: ReadonlySet<string> = new Set();

/**
 * A copy of a JSON-like value with every string passed through `redact`; unchanged parts keep
 * their identity. Values under a key in `keep` (identifiers such as ids and types) are left as they are.
 */
export function redactDeep<T>(value: T, redact: Redactor, keep: ReadonlySet<string> = NOTHING): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const next = value.map((item: unknown) => {
      const after = redactDeep(item, redact, keep);
      if (after !== item) changed = true;
      return after;
    });
    return (changed ? next : value) as T;
  }
  if (value !== null && typeof value === "object") {
    let changed = false;
    const next: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const after = keep.has(key) ? item : redactDeep(item, redact, keep);
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
