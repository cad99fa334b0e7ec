/**
 * Provider errors may echo the key they were sent (a 401 saying "Incorrect API key provided:
 * sk-…"). Run events, stored errors and logs pass through a redactor first, so no secret ever
 * reaches the database, a viewer, a share link or a log line.
 */

import type { EngineEvent } from "@/lib/engine/events";

/** Replaces secrets in a piece of text. */
export type Redactor = (text: string) => string;

/** A redactor that also lists the texts it replaces verbatim, longest first, so a stream knows what it must not cut. */
export type SecretRedactor = Redactor & { readonly texts: readonly string[] };

const REDACTED = "[redacted]";
// Key-shaped tokens even when they are not the key we sent: OpenAI-style `sk-…`, Tierflow API keys, bearer credentials.
const KEY_SHAPED: [RegExp, string][] = [
  [/\bsk-[A-Za-z0-9_-]{6,}/g, REDACTED],
  [/\btf_key_[A-Za-z0-9_-]{6,}/g, REDACTED],
  // A digit is required so prose ("Bearer authentication") stays as written.
  [/\b(Bearer\s+)(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,}/gi, `$1${REDACTED}`],
];
// What every KEY_SHAPED match contains: one scan of a text that has none spares the three replaces.
const KEY_HINT = /sk-|tf_key_|bearer/i;
// Shorter secrets would redact ordinary words.
const MIN_SECRET_LENGTH = 8;

/**
 * A redactor that replaces verbatim copies of `texts` (also trimmed, and as they read inside a
 * JSON string, e.g. a tool call's arguments), longest first so a text containing another goes
 * whole. Texts shorter than `minLength` are ignored: they would cut ordinary words.
 */
export function createTextRedactor(texts: Iterable<string>, replacement: string, minLength = MIN_SECRET_LENGTH): SecretRedactor {
  const forms = new Set<string>();
  for (const text of texts) {
    for (const form of [text, text.trim()]) {
      if (form.trim().length < minLength) continue;
      forms.add(form);
      forms.add(JSON.stringify(form).slice(1, -1));
    }
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  const redact: Redactor = (text) => ordered.reduce((out, form) => (out.includes(form) ? out.split(form).join(replacement) : out), text);
  return Object.assign(redact, { texts: ordered });
}

/** A redactor for the given secrets (blank and very short ones are ignored) and anything key-shaped. */
export function createRedactor(secrets: readonly (string | null | undefined)[]): SecretRedactor {
  const exact = createTextRedactor(
    secrets.filter((s): s is string => typeof s === "string"),
    REDACTED,
  );
  const redact: Redactor = (text) => {
    const out = exact(text);
    return KEY_HINT.test(out) ? KEY_SHAPED.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), out) : out;
  };
  return Object.assign(redact, { texts: exact.texts });
}

type DeltaEvent = Extract<EngineEvent, { type: "node.delta" }>;

const scopeKey = (e: { nodeId: string; instance: number; iteration: number }) => `${e.nodeId}\u0000${e.instance}\u0000${e.iteration}`;
// Characters of the tokens KEY_SHAPED matches; it can only match such a token whole.
const TOKEN_CHAR = /[A-Za-z0-9._~+/=-]/;
const BEARER_BEFORE = /\bBearer\s+$/i;
// A token longer than this is released even if cut: no key is that long.
const MAX_TOKEN = 256;

/**
 * Where `raw` may be cut so that everything before it can go out redacted: never inside a
 * token (with its "Bearer "), nor inside any occurrence of a secret, and leaving enough
 * characters after it to hold a secret that has only begun.
 */
function safeCut(raw: string, secrets: readonly string[]): number {
  let cut = Math.max(0, raw.length - Math.max(0, (secrets[0]?.length ?? 0) - 1));
  for (let moved = true; moved && cut > 0; ) {
    moved = false;
    if (TOKEN_CHAR.test(raw[cut - 1]) && (cut === raw.length || TOKEN_CHAR.test(raw[cut]))) {
      let start = cut - 1;
      while (start > 0 && TOKEN_CHAR.test(raw[start - 1]) && cut - start < MAX_TOKEN) start--;
      if (cut - start < MAX_TOKEN) [cut, moved] = [start, true];
    }
    const bearer = BEARER_BEFORE.exec(raw.slice(Math.max(0, cut - 32), cut));
    if (bearer && (cut === raw.length || TOKEN_CHAR.test(raw[cut]))) [cut, moved] = [cut - bearer[0].length, true];
    for (const secret of secrets) {
      const at = raw.indexOf(secret, Math.max(0, cut - secret.length + 1));
      if (at >= 0 && at < cut) [cut, moved] = [at, true];
    }
  }
  return cut;
}

export class StreamRedactor {
  private readonly held = new Map<string, DeltaEvent>();

  constructor(
    private readonly redact: SecretRedactor,
    private readonly emit: (event: EngineEvent) => void,
  ) {}

  push(event: EngineEvent): void {
    if (event.type === "node.delta") return this.delta(event);
    if ("nodeId" in event && "instance" in event && "iteration" in event) this.release(scopeKey(event));
    else for (const key of [...this.held.keys()]) this.release(key);
    this.emit(redactDeep(event, this.redact));
  }

  private delta(event: DeltaEvent): void {
    const key = scopeKey(event);
    // Held text is raw: it is redacted once it goes out, together with what completes it.
    const raw = (this.held.get(key)?.text ?? "") + event.text;
    const cut = safeCut(raw, this.redact.texts);
    if (cut < raw.length) this.held.set(key, { ...event, text: raw.slice(cut) });
    else this.held.delete(key);
    if (cut > 0) this.emit({ ...event, text: this.redact(raw.slice(0, cut)) });
  }

  private release(key: string): void {
    const held = this.held.get(key);
    if (!held) return;
    this.held.delete(key);
    this.emit({ ...held, text: this.redact(held.text) });
  }
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
    // Copied only once a string in it changes: most events have nothing to redact.
    let next: Record<string, unknown> | null = null;
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      const after = keep.has(key) ? item : redactDeep(item, redact, keep);
      if (after !== item) (next ??= { ...(value as Record<string, unknown>) })[key] = after;
    }
    return (next ?? value) as T;
  }
  return value;
}

/** The message of any thrown value, redacted: what may be stored or logged about an error. */
export function redactedMessage(error: unknown, redact: Redactor): string {
  return redact(error instanceof Error ? error.message || error.name : String(error));
}
