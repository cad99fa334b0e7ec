import { describe, expect, it } from "vitest";
import { createRedactor, createTextRedactor, redactDeep, redactedMessage } from "./redact";

describe("redactor", () => {
  const redact = createRedactor(["custom-secret-value", undefined, "short"]);

  it("removes the given secrets and anything key-shaped", () => {
    expect(redact("401 Incorrect API key provided: custom-secret-value.")).toBe("401 Incorrect API key provided: [redacted].");
    expect(redact("got sk-proj-abcDEF123_xyz and tf_key_AbCdEfGh12")).toBe("got [redacted] and [redacted]");
    expect(redact("Authorization: Bearer abc123def456")).toBe("Authorization: Bearer [redacted]");
  });

  it("leaves ordinary text alone, short secrets included", () => {
    for (const text of ["a short answer", "Bearer authentication explained", "task-runner risk-free", "sk-learn"]) expect(redact(text)).toBe(text);
  });

  it("walks events deeply and keeps untouched parts as they were", () => {
    const clean = { type: "node.delta", text: "hello", nested: [{ ok: 1 }] };
    expect(redactDeep(clean, redact)).toBe(clean);
    const dirty = { type: "node.failed", error: "Incorrect key custom-secret-value", usage: { input: 3 }, list: ["sk-abcdef123456"] };
    const out = redactDeep(dirty, redact);
    expect(out).toEqual({ type: "node.failed", error: "Incorrect key [redacted]", usage: { input: 3 }, list: ["[redacted]"] });
    expect(out.usage).toBe(dirty.usage);
    expect(dirty.error).toContain("custom-secret-value");
  });

  it("redacts thrown values' messages", () => {
    expect(redactedMessage(new Error("bad custom-secret-value"), redact)).toBe("bad [redacted]");
    expect(redactedMessage("sk-abcdef123456", redact)).toBe("[redacted]");
  });

  it("replaces given texts verbatim, longest first, JSON-escaped too, ignoring short ones", () => {
    const hide = createTextRedactor(["a task with \"quotes\"\n", "a task with", "tiny"], "[hidden]");
    expect(hide('Quoted: a task with "quotes". Escaped: {"q":"a task with \\"quotes\\"\\n"}. Partly: a task with no quotes; tiny stays.')).toBe(
      'Quoted: [hidden]. Escaped: {"q":"[hidden]"}. Partly: [hidden] no quotes; tiny stays.',
    );
  });

  it("leaves values under kept keys as they are", () => {
    const redact = createTextRedactor(["confidential words"], "[hidden]");
    expect(redactDeep({ id: "confidential words", text: "confidential words" }, redact, new Set(["id"]))).toEqual({ id: "confidential words", text: "[hidden]" });
  });
});
