import { APIConnectionError, APIError } from "openai";
import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS } from "./context";
import { classifyFault, retryDelayMs } from "./retry";

const policy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 4000 };
const apiError = (status: number, headers: Record<string, string> = {}) =>
  APIError.generate(status, { message: `status ${status}` }, undefined, new Headers(headers));

describe("classifyFault", () => {
  it("retries 429 and 5xx, honouring retry-after-ms before retry-after", () => {
    expect(classifyFault(apiError(429, { "retry-after": "2" }), false, 0)).toMatchObject({ retryable: true, retryAfterMs: 2000 });
    expect(classifyFault(apiError(429, { "retry-after-ms": "250", "retry-after": "2" }), false, 0).retryAfterMs).toBe(250);
    expect(classifyFault(apiError(503), false, 0)).toMatchObject({ retryable: true, retryAfterMs: null });
  });

  it("reads an HTTP-date Retry-After against the clock", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const fault = classifyFault(apiError(429, { "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }), false, now);
    expect(fault.retryAfterMs).toBe(3000);
  });

  it("fails other 4xx at once, and retries dropped connections and broken streams", () => {
    expect(classifyFault(apiError(400), false, 0).retryable).toBe(false);
    expect(classifyFault(apiError(401), false, 0).retryable).toBe(false);
    expect(classifyFault(new APIConnectionError({ message: "Connection error." }), false, 0).retryable).toBe(true);
    expect(classifyFault(new TypeError("terminated"), true, 0)).toMatchObject({ retryable: true, reason: "Stream interrupted: terminated" });
    expect(classifyFault(new TypeError("bug"), false, 0).retryable).toBe(false);
  });

  it("never retries a connection refused by policy, and gives the refusal as the reason", () => {
    const refusal = Object.assign(new Error("Refused to connect to 127.0.0.1:9: 127.0.0.1 is a loopback address"), { retryable: false });
    const fault = classifyFault(new APIConnectionError({ cause: refusal }), false, 0);
    expect(fault).toEqual({ retryable: false, reason: refusal.message, retryAfterMs: null });
  });
});

describe("retryDelayMs", () => {
  it("doubles from the base delay with ±20% jitter, up to the cap", () => {
    expect(retryDelayMs(policy, 1, null, () => 0.5)).toBe(500);
    expect(retryDelayMs(policy, 2, null, () => 0.5)).toBe(1000);
    expect(retryDelayMs(policy, 2, null, () => 0)).toBe(800);
    expect(retryDelayMs(policy, 2, null, () => 1)).toBe(1200);
    expect(retryDelayMs(policy, 10, null, () => 1)).toBe(4000);
  });

  it("uses the provider's wait when given, within a ceiling", () => {
    expect(retryDelayMs(policy, 1, 7000)).toBe(7000);
    expect(retryDelayMs(policy, 1, 10 * MAX_RETRY_AFTER_MS)).toBe(MAX_RETRY_AFTER_MS);
  });
});
