import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { describe, expect, it } from "vitest";
import { applyCatalogOverrides, DEFAULT_CATALOG, REASONING_SHARE, resolveModel, type ModelCatalog } from "@/lib/models/catalog";
import { countPromptTokens } from "@/lib/models/tokens";
import { CallMeter, promptTokenCounter } from "./call-meter";
import type { EngineEvent } from "./events";
import { InstanceTally } from "./ledger";
import { createRuntime } from "./runtime";
import { instantClient, registryToolHost } from "./test-harness";

const messages: ChatCompletionMessageParam[] = [
  { role: "system", content: "You draft release notes." },
  { role: "user", content: "Summarise the changes in version 2.4." },
];
const PIECES = Array.from({ length: 80 }, (_, i) => (i % 2 ? " notes" : " release"));
const visible = PIECES.reduce((n, piece) => n + countTokens(piece), 0);
const prompt = countPromptTokens({ messages });

/** A mini-tier call metered under `budgetNanoUsd`, streaming PIECES; returns what tripped and what was recorded. */
function streamMini(catalog: ModelCatalog, budgetNanoUsd: number) {
  const events: EngineEvent[] = [];
  const rt = createRuntime(
    { client: instantClient(), catalog, tools: registryToolHost(), emit: (e) => events.push(e), signal: new AbortController().signal, simulated: true, budgetNanoUsd },
    "task",
    1,
  );
  const req = { scope: { nodeId: "draft", instance: 0, iteration: 0 }, model: resolveModel(catalog, "mini"), messages, maxOutputTokens: 500, tally: new InstanceTally() };
  const meter = new CallMeter(rt, req, promptTokenCounter(req), { label: "Simulator" });
  for (const content of PIECES) meter.add({ content });
  const tripped = rt.signal.aborted;
  meter.settle();
  return { tripped, usage: events.find((e) => e.type === "node.usage")! };
}

describe("the in-flight spend estimate", () => {
  // Mini: $0.75 in, $4.50 out per 1M tokens = 750 and 4,500 nano-dollars per token.
  const visibleOnly = prompt * 750 + visible * 4500;
  const reasoning = Math.round(visible * REASONING_SHARE.expected);
  // Above what the visible text costs, below what it costs with the reasoning a mini model bills.
  const budget = visibleOnly + Math.round((reasoning * 4500) / 2);

  it("counts hidden reasoning for the mini tier, which reasons, not only for the flagship", () => {
    expect(reasoning).toBeGreaterThan(0);
    const { tripped, usage } = streamMini(DEFAULT_CATALOG, budget);
    expect(tripped).toBe(true);
    expect(usage).toMatchObject({ type: "node.usage", estimated: true, usage: { inputTokens: prompt, outputTokens: visible + reasoning, reasoningTokens: reasoning } });
    // What the call is recorded with is what the budget saw: at or past the limit.
    expect(usage.type === "node.usage" && usage.costNanoUsd).toBeGreaterThanOrEqual(budget);
  });

  it("adds no reasoning for a model the catalog says does not reason", () => {
    const plain = applyCatalogOverrides(DEFAULT_CATALOG, { models: { "gpt-5.4-mini": { reasoning: false } } });
    const { tripped, usage } = streamMini(plain, budget);
    expect(tripped).toBe(false);
    expect(usage).toMatchObject({ estimated: true, usage: { outputTokens: visible, reasoningTokens: 0 }, costNanoUsd: visibleOnly });
  });
});
