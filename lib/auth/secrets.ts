import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databaseProvider, databaseUrl, sqliteFilePath } from "@/lib/db/url";

const MIN_SECRET_LENGTH = 32;
const globalForSecret = globalThis as unknown as { tierflowSecret?: string };

/**
 * The instance secret behind session signing and at-rest encryption: `TIERFLOW_SECRET`, or
 * — so the embedded default needs no set-up — a random one kept in a file beside the SQLite
 * database (mode 600), created on first use.
 */
export function instanceSecret(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.TIERFLOW_SECRET?.trim();
  if (configured) {
    if (configured.length < MIN_SECRET_LENGTH) throw new Error(`TIERFLOW_SECRET must be at least ${MIN_SECRET_LENGTH} characters.`);
    return configured;
  }
  const url = databaseUrl(env);
  // Processes sharing a Postgres database share sessions and secrets: one file per machine won't do.
  if (databaseProvider(url) === "postgresql") throw new Error("TIERFLOW_SECRET must be set when DATABASE_URL is a Postgres URL.");
  return (globalForSecret.tierflowSecret ??= fileSecret(path.join(path.dirname(path.resolve(sqliteFilePath(url))), ".tierflow-secret")));
}

function fileSecret(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      chmodSync(file, 0o600);
      return secret;
    } catch {
      // Another process created it first: use theirs.
      return readFileSync(file, "utf8").trim();
    }
  }
}

/** A key for one purpose, derived from the instance secret, so no two uses share a key. */
export function derivedKey(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", instanceSecret(), "tierflow", purpose, 32));
}

/** A random, URL-safe token of 192 bits, with a prefix that says what it is (`tf_key_…`). */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString("base64url")}`;
}

/** Tokens are stored as their SHA-256: a database leak reveals no usable link or key. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const CIPHER = "aes-256-gcm";

/** Encrypts a secret for storage (AES-256-GCM, random IV): `v1.<iv>.<tag>.<ciphertext>`. */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(CIPHER, derivedKey("secrets-at-rest"), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** Decrypts what `encryptSecret` stored; throws when it was tampered with or the secret changed. */
export function decryptSecret(stored: string): string {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("Unreadable encrypted secret.");
  const decipher = createDecipheriv(CIPHER, derivedKey("secrets-at-rest"), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
