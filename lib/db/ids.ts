import { randomBytes } from "node:crypto";

let counter = 0;

/**
 * A collision-resistant id shaped like the cuids Prisma gives rows (`@default(cuid())`): "c",
 * the time, a per-process counter and 12 random base-36 digits (about 62 bits), 25 characters. For rows a
 * hot path inserts past Prisma (`sqliteWrite`), so their ids look like every other row's.
 */
export function newRowId(): string {
  counter = (counter + 1) % 36 ** 4;
  const time = Date.now().toString(36).padStart(8, "0");
  const random = randomBytes(8).readBigUInt64BE().toString(36).padStart(13, "0").slice(-12);
  return `c${time}${counter.toString(36).padStart(4, "0")}${random}`;
}
