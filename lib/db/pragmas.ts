const LEVELS = ["FULL", "NORMAL"] as const;

/**
 * SQLite's `synchronous` level from `TIERFLOW_SQLITE_SYNCHRONOUS` (`full` or `normal`; default
 * `normal`). With WAL, NORMAL keeps every committed transaction through a crash of the process and
 * loses none to corruption; only a power cut or OS crash may drop the last commits. FULL also
 * syncs the WAL on every commit, for disks where that last guarantee matters.
 */
export function sqliteSynchronous(env: Readonly<Record<string, string | undefined>> = process.env): (typeof LEVELS)[number] {
  const raw = env.TIERFLOW_SQLITE_SYNCHRONOUS?.trim().toUpperCase();
  if (!raw) return "NORMAL";
  const level = LEVELS.find((l) => l === raw);
  if (!level) throw new Error(`TIERFLOW_SQLITE_SYNCHRONOUS must be "full" or "normal" (got "${env.TIERFLOW_SQLITE_SYNCHRONOUS}").`);
  return level;
}
