import { describe, expect, it } from "vitest";
import type { EngineEvent } from "@/lib/engine/events";
import { createRedactor, createTextRedactor, redactDeep, redactedMessage, StreamRedactor } from "./redact";

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

describe("stream redactor", () => {
  const SECRET = "Token mcp header secret quince";
  const scope = { nodeId: "work", instance: 0, iteration: 0, ts: 1 };
  const delta = (text: string, nodeId = "work"): EngineEvent => ({ type: "node.delta", ...scope, nodeId, text });
  const stream = () => {
    const out: EngineEvent[] = [];
    return { out, redactor: new StreamRedactor(createRedactor([SECRET]), (event) => out.push(event)) };
  };
  const texts = (events: EngineEvent[], nodeId = "work") => events.flatMap((e) => (e.type === "node.delta" && e.nodeId === nodeId ? [e.text] : []));

  it("redacts a secret split across two deltas at any point, and releases the held text before the node's next event", () => {
    for (let at = 1; at < SECRET.length; at++) {
      const { out, redactor } = stream();
      redactor.push(delta(`The header was ${SECRET.slice(0, at)}`));
      redactor.push(delta(`${SECRET.slice(at)} and that is all.`));
      redactor.push({ type: "node.completed", ...scope, output: `The header was ${SECRET} and that is all.` } as EngineEvent);
      expect(texts(out).join("")).toBe("The header was [redacted] and that is all.");
      expect(out.at(-1)).toMatchObject({ type: "node.completed", output: "The header was [redacted] and that is all." });
      expect(JSON.stringify(out)).not.toMatch(/quince|mcp header/);
    }
  });

  it("holds a key-shaped token until it ends, keeps other streams apart, and releases every stream before a run-level event", () => {
    const { out, redactor } = stream();
    redactor.push(delta("key: sk-proj-abc"));
    redactor.push(delta("A reply from another node. ", "other"));
    redactor.push(delta("DEF123456 done"));
    redactor.push({ type: "run.cancelled", ts: 2 } as EngineEvent);
    expect(texts(out).join("")).toBe("key: [redacted] done");
    expect(texts(out, "other").join("")).toBe("A reply from another node. ");
    expect(out.at(-1)).toMatchObject({ type: "run.cancelled" });
    expect(JSON.stringify(out)).not.toContain("DEF123456");
  });
});
