import { describe, expect, it } from "vitest";
import { Semaphore } from "./semaphore";

describe("Semaphore", () => {
  it("hands out permits first come, first served", async () => {
    const semaphore = new Semaphore(2);
    const signal = new AbortController().signal;
    const order: number[] = [];
    const a = await semaphore.acquire(signal);
    const b = await semaphore.acquire(signal);
    const waiting = [3, 4].map((n) => semaphore.acquire(signal).then((release) => (order.push(n), release)));
    await Promise.resolve();
    expect(order).toEqual([]);
    a();
    a(); // releasing twice frees one permit only
    const third = await waiting[0];
    expect(order).toEqual([3]);
    b();
    third();
    (await waiting[1])();
    expect(order).toEqual([3, 4]);
    expect(semaphore.maxActive).toBe(2);
  });

  it("rejects a waiter whose signal aborts, and skips it on release", async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire(new AbortController().signal);
    const controller = new AbortController();
    const aborted = semaphore.acquire(controller.signal);
    const next = semaphore.acquire(new AbortController().signal);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
    release();
    await expect(next).resolves.toBeTypeOf("function");
  });
});
