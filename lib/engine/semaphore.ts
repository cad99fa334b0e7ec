import { RunStoppedError } from "./errors";

interface Waiter {
  grant: (release: () => void) => void;
  reject: (error: Error) => void;
  settled: boolean;
}

/**
 * A FIFO counting semaphore. `acquire` resolves with a `release` function (safe to call twice)
 * and rejects if `signal` aborts while waiting, so a cancelled run never leaves waiters behind.
 */
export class Semaphore {
  private available: number;
  private readonly queue: Waiter[] = [];
  private head = 0;
  private active = 0;
  private peak = 0;

  constructor(limit: number) {
    this.available = Math.max(1, Math.floor(limit));
  }

  /** Most permits ever held at once. */
  get maxActive(): number {
    return this.peak;
  }

  acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(new RunStoppedError());
    if (this.available > 0) {
      this.available--;
      return Promise.resolve(this.permit());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        settled: false,
        grant: (release) => {
          signal.removeEventListener("abort", onAbort);
          resolve(release);
        },
        reject,
      };
      const onAbort = () => {
        if (waiter.settled) return;
        waiter.settled = true;
        reject(new RunStoppedError());
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private permit(): () => void {
    this.active++;
    if (this.active > this.peak) this.peak = this.active;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.handOver();
    };
  }

  private handOver(): void {
    while (this.head < this.queue.length) {
      const waiter = this.queue[this.head];
      this.queue[this.head++] = undefined as unknown as Waiter;
      if (waiter.settled) continue;
      waiter.settled = true;
      waiter.grant(this.permit());
      this.compact();
      return;
    }
    this.available++;
    this.compact();
  }

  // Drops the consumed prefix now and then so the queue does not grow without bound.
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}
