import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";
import { modelReasons, resolveModel } from "@/lib/models/catalog";
import { usageFromCompletion, type Usage } from "@/lib/models/cost";
import { countPromptTokens, countTextTokens, estimateStreamedUsage, toolCallTokens } from "@/lib/models/tokens";
import type { InFlightEstimate } from "./budget";
import { priceUsage, type PricedUsage } from "./ledger";
import type { ModelCallRequest, StreamedToolCall } from "./model-call";
import type { ProviderRoute } from "./provider-routes";
import type { CutOffCall } from "./restore";
import type { OpenCall, RunRuntime } from "./runtime";

/** Counts a call's prompt tokens once, however many attempts it takes, and only if someone asks. */
export function promptTokenCounter(req: ModelCallRequest): () => number {
  let tokens: number | null = null;
  const schema = req.responseFormat ? (req.responseFormat.json_schema.schema ?? {}) : undefined;
  return () => (tokens ??= countPromptTokens({ messages: req.messages, tools: req.tools?.length ? req.tools : null, schema }));
}

/** Servers that stream their reasoning (vLLM, DeepSeek, OpenRouter, Ollama) put it in one of these delta fields. */
type ReasoningDelta = ChatCompletionChunk.Choice.Delta & { reasoning_content?: unknown; reasoning?: unknown };

/**
 * One attempt of a model call, from the moment its request goes out: what it streamed (text,
 * refusal, tool calls, visible reasoning) and, once it ends, its usage — what the provider
 * reported, else an estimate from the prompt and what streamed, marked `estimated` — recorded
 * once in the run's ledger, the instance's tally, a `node.usage` event and the budget.
 * While a budget watches the call, streamed pieces are counted as they arrive so the budget sees
 * the same estimate the call would be recorded with.
 */
export class CallMeter implements OpenCall {
  content = "";
  refusal = "";
  readonly toolCalls: StreamedToolCall[] = [];
  /** The usage the provider reported (the stream's last chunk), if it did. */
  reported: CompletionUsage | null = null;
  private reasoning = "";
  private streamedTokens = 0;
  private reasoningTokens = 0;
  private readonly reasons: boolean;
  private readonly estimate: InFlightEstimate;
  private ended = false;

  constructor(
    private readonly rt: RunRuntime,
    private readonly req: ModelCallRequest,
    private readonly promptTokens: () => number,
    private readonly provider: Pick<ProviderRoute, "label">,
  ) {
    this.reasons = modelReasons(req.model);
    this.estimate = rt.budget.open(req.model.info?.pricing);
    rt.openCalls.add(this);
    // The prompt alone may reach the budget: then the run stops before the request goes out.
    if (this.estimate.active) this.estimate.update(this.estimatedUsage());
  }

  /** Takes one chunk's delta in. */
  add(delta: ChatCompletionChunk.Choice.Delta): void {
    if (delta.content) {
      this.content += delta.content;
      this.grew(delta.content);
    }
    if (delta.refusal) {
      this.refusal += delta.refusal;
      this.grew(delta.refusal);
    }
    for (const fragment of delta.tool_calls ?? []) {
      const call = (this.toolCalls[fragment.index] ??= { id: "", name: "", arguments: "" });
      if (fragment.id) call.id = fragment.id;
      const name = fragment.function?.name;
      if (name) {
        // A call's framing counts once, when its name first arrives.
        this.grew(name, call.name === "" ? toolCallTokens("", "") : 0);
        call.name += name;
      }
      const args = fragment.function?.arguments;
      if (args) {
        call.arguments += args;
        this.grew(args);
      }
    }
    const { reasoning_content: content, reasoning } = delta as ReasoningDelta;
    const thought = typeof content === "string" ? content : typeof reasoning === "string" ? reasoning : "";
    if (thought) {
      this.reasoning += thought;
      if (this.estimate.active) {
        this.reasoningTokens += countTextTokens(thought);
        this.estimate.update(this.estimatedUsage());
      }
    }
  }

  /** Records the attempt's usage, once: the provider's report, else an estimate (marked so). */
  settle(): void {
    if (this.ended) return;
    const { pricing } = this.req.model.info ?? {};
    const priced: PricedUsage = this.reported
      ? priceUsage(usageFromCompletion(this.reported), pricing, this.rt.catalog)
      : { ...priceUsage(this.estimatedUsage(), pricing, this.rt.catalog), estimated: true };
    this.end();
    this.rt.ledger.record(priced);
    this.req.tally.record(priced);
    this.rt.emit({ type: "node.usage", ...this.req.scope, model: this.req.model.id, provider: this.provider.label, ...priced });
    this.rt.budget.commit(priced.costNanoUsd);
  }

  /** The request never reached a model (an error status, a failed connection, a stop before sending): nothing was billed. */
  discard(): void {
    if (!this.ended) this.end();
  }

  private end(): void {
    this.ended = true;
    this.estimate.close();
    this.rt.openCalls.delete(this);
  }

  private grew(text: string, extraTokens = 0): void {
    if (!this.estimate.active) return;
    this.streamedTokens += countTextTokens(text) + extraTokens;
    this.estimate.update(this.estimatedUsage());
  }

  /** Watched by a budget: the running counts it saw; otherwise the streamed text counted whole. */
  private estimatedUsage(): Usage {
    const counted = this.estimate.active;
    const output = counted
      ? this.streamedTokens
      : countTextTokens(this.content) + countTextTokens(this.refusal) + this.toolCalls.reduce((n, c) => n + (c.name ? toolCallTokens(c.name, c.arguments) : 0), 0);
    return estimateStreamedUsage({
      promptTokens: this.promptTokens(),
      outputTokens: output,
      visibleReasoningTokens: counted ? this.reasoningTokens : countTextTokens(this.reasoning),
      reasons: this.reasons,
    });
  }
}

/**
 * A resumed run's calls that its stopped process cut off mid-stream (`RestoredRun.cutOff`): the
 * provider billed them, so each is charged once, as a stop would have settled it, from its
 * rebuilt request and what it had streamed, marked `estimated`. The instances themselves run again.
 */
export function chargeCutOffCalls(rt: RunRuntime, calls: readonly CutOffCall[]): void {
  for (const call of calls) {
    const model = resolveModel(rt.catalog, call.tier, call.model);
    const usage = estimateStreamedUsage({
      promptTokens: countPromptTokens({ messages: call.prompt }),
      outputTokens: countTextTokens(call.streamed),
      visibleReasoningTokens: 0,
      reasons: modelReasons(model),
    });
    const priced: PricedUsage = { ...priceUsage(usage, model.info?.pricing, rt.catalog), estimated: true };
    rt.ledger.record(priced);
    rt.emit({ type: "node.usage", ...call.scope, model: call.model, ...priced });
    rt.budget.commit(priced.costNanoUsd);
  }
}
