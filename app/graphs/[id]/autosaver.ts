import type { GraphDocument } from "@/lib/graph";
import type { ApiResult } from "@/components/workspace/graph-api";

/** What the save indicator shows. */
export type SaveState =
  | { kind: "saved" }
  | { kind: "pending" }
  | { kind: "saving" }
  /** Not sent: the document is malformed (the API would refuse it). Edits are kept (and drafted locally). */
  | { kind: "invalid"; problems: number }
  /** Sending failed; another attempt follows after `retryInMs`. */
  | { kind: "retrying"; message: string; retryInMs: number }
  /** Refused for good until the user acts (e.g. the document is too large). */
  | { kind: "failed"; message: string }
  /** Someone saved a newer version; nothing is sent until the user reloads or overwrites. */
  | { kind: "conflict"; currentVersion: number | null };

export interface SaveBody {
  name?: string;
  graph?: GraphDocument;
  version: number;
}

export interface AutosaverOptions {
  version: number;
  send: (body: SaveBody) => Promise<ApiResult<{ version: number }>>;
  /** The document as it is now, and how many errors keep it from being saved (not problems a saved graph may have). */
  read: () => { graph: GraphDocument; errors: number };
  onState: (state: SaveState) => void;
  /** After each successful save; `clean` when nothing is left to save. */
  onSaved?: (version: number, clean: boolean) => void;
  delayMs?: number;
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Debounced saving with optimistic concurrency: every save carries the version it was based
 * on; a 409 stops saving (keeping the local edits) until the user reloads or overwrites.
 * Changes made while a save is in flight are saved right after it.
 */
export class Autosaver {
  private version: number;
  private graphSeq = 0;
  private savedGraphSeq = 0;
  private pendingName: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<unknown> | null = null;
  private again = false;
  private retryDelay: number;
  private disposed = false;
  private state: SaveState = { kind: "saved" };

  constructor(private readonly options: AutosaverOptions) {
    this.version = options.version;
    this.retryDelay = options.retryMs ?? 2000;
  }

  /** The version the next save is based on. */
  get baseVersion(): number {
    return this.version;
  }

  get current(): SaveState {
    return this.state;
  }

  /** True while some edit has not reached the server. */
  get hasUnsavedChanges(): boolean {
    return this.graphSeq !== this.savedGraphSeq || this.pendingName !== undefined;
  }

  /** The document changed. */
  graphChanged() {
    this.graphSeq += 1;
    this.schedule();
  }

  rename(name: string) {
    this.pendingName = name;
    this.schedule();
  }

  /** After loading the server's version: nothing is unsaved any more. */
  reset(version: number) {
    this.clearTimer();
    this.version = version;
    this.savedGraphSeq = this.graphSeq;
    this.pendingName = undefined;
    this.retryDelay = this.options.retryMs ?? 2000;
    this.setState({ kind: "saved" });
  }

  /** Saves the local document over a newer server version, on purpose. */
  overwrite(currentVersion: number) {
    this.version = currentVersion;
    if (this.graphSeq === this.savedGraphSeq) this.graphSeq += 1;
    this.state = { kind: "pending" };
    void this.flush();
  }

  /** Saves now instead of after the debounce. */
  async flush(): Promise<void> {
    this.clearTimer();
    if (this.disposed || this.state.kind === "conflict") return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const { graph, errors } = this.options.read();
    const graphSeq = this.graphSeq;
    const sendGraph = graphSeq !== this.savedGraphSeq && errors === 0;
    const name = this.pendingName;
    if (!sendGraph && name === undefined) {
      this.setState(graphSeq !== this.savedGraphSeq ? { kind: "invalid", problems: errors } : { kind: "saved" });
      return;
    }

    this.setState({ kind: "saving" });
    const sending = this.options.send({
      ...(name !== undefined ? { name } : {}),
      ...(sendGraph ? { graph } : {}),
      version: this.version,
    });
    this.inFlight = sending;
    const result = await sending;
    this.inFlight = null;
    if (this.disposed) return;

    if (result.ok) {
      this.version = result.value.version;
      this.retryDelay = this.options.retryMs ?? 2000;
      if (sendGraph) this.savedGraphSeq = graphSeq;
      if (name !== undefined && this.pendingName === name) this.pendingName = undefined;
      const clean = !this.hasUnsavedChanges;
      this.options.onSaved?.(this.version, clean);
      if (!clean && (this.again || this.pendingName !== undefined || this.graphSeq !== graphSeq)) {
        this.again = false;
        return this.flush();
      }
      this.again = false;
      const { errors: left } = clean ? { errors: 0 } : this.options.read();
      this.setState(clean ? { kind: "saved" } : { kind: "invalid", problems: left });
      return;
    }

    this.again = false;
    const { error } = result;
    if (error.status === 409) {
      const details = error.details as { currentVersion?: unknown } | undefined;
      this.setState({ kind: "conflict", currentVersion: typeof details?.currentVersion === "number" ? details.currentVersion : null });
    } else if (error.status === 422 && error.code === "invalid_graph") {
      const details = error.details as { errors?: unknown[] } | undefined;
      this.setState({ kind: "invalid", problems: details?.errors?.length ?? 1 });
    } else if (error.status === 0 || error.status >= 500 || error.status === 429) {
      const retryInMs = this.retryDelay;
      this.retryDelay = Math.min(this.retryDelay * 2, this.options.maxRetryMs ?? 30_000);
      this.setState({ kind: "retrying", message: error.message, retryInMs });
      this.schedule(retryInMs);
    } else {
      this.setState({ kind: "failed", message: error.message });
    }
  }

  /**
   * Saves everything now and resolves true once the server has it all; false when it cannot
   * (the document is malformed, a conflict, the server refuses or is unreachable). For actions
   * that read the stored graph, such as starting a run.
   */
  async saveNow(): Promise<boolean> {
    for (let attempt = 0; attempt < 5 && !this.disposed; attempt++) {
      if (this.inFlight) await this.inFlight.catch(() => undefined);
      // Let the in-flight save settle its bookkeeping before looking again.
      await Promise.resolve();
      if (!this.hasUnsavedChanges) return true;
      if (this.state.kind === "conflict") return false;
      await this.flush();
      if (!this.hasUnsavedChanges) return true;
      if (this.state.kind !== "saving" && this.state.kind !== "pending") return false;
    }
    return !this.hasUnsavedChanges;
  }

  dispose() {
    this.disposed = true;
    this.clearTimer();
  }

  private schedule(delay = this.options.delayMs ?? 800) {
    if (this.disposed || this.state.kind === "conflict") return;
    this.clearTimer();
    this.timer = setTimeout(() => void this.flush(), delay);
    if (!this.inFlight && this.state.kind !== "retrying") this.setState({ kind: "pending" });
  }

  private clearTimer() {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setState(state: SaveState) {
    this.state = state;
    this.options.onState(state);
  }
}
