import type { ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";
import type { CompatProfile } from "./kinds";

/** Marks the schema block a prompt carries when the provider cannot take `json_schema`; the simulator reads it back. */
export const PROMPT_SCHEMA_MARKER = "Answer with one JSON object, and nothing else, that matches this JSON schema:";

/** Turns one Chat Completions request and its usage reports into what a provider of one compatibility profile accepts and means. */
export interface ProviderAdapter {
  request(params: ChatCompletionCreateParamsStreaming): ChatCompletionCreateParamsStreaming;
  usage(reported: CompletionUsage): CompletionUsage;
}

function withSchemaInPrompt(messages: ChatCompletionMessageParam[], schema: unknown): ChatCompletionMessageParam[] {
  const instruction = `${PROMPT_SCHEMA_MARKER}\n${JSON.stringify(schema)}`;
  const [first, ...rest] = messages;
  // Appended to the system prompt, so the node's instructions keep their place.
  if (first && (first.role === "system" || first.role === "developer") && typeof first.content === "string") {
    return [{ ...first, content: `${first.content}\n\n${instruction}` }, ...rest];
  }
  return [{ role: "system", content: instruction }, ...messages];
}

type LooseUsage = CompletionUsage & { input_tokens?: number; output_tokens?: number };

/**
 * The adapter for a compatibility profile: drops `stream_options` where it is refused, falls
 * back from `json_schema` to JSON mode (or none) with the schema in the prompt, reads usage
 * reported under Anthropic-style names, and drops cached-token details a provider cannot mean.
 */
export function createAdapter(profile: CompatProfile): ProviderAdapter {
  return {
    request(params) {
      let next = params;
      if (!profile.streamUsage && next.stream_options) {
        const { stream_options: _dropped, ...rest } = next;
        next = rest;
      }
      const format = next.response_format;
      if (format?.type === "json_schema" && !profile.jsonSchema) {
        const { response_format: _format, ...rest } = next;
        next = {
          ...rest,
          messages: withSchemaInPrompt(next.messages, format.json_schema.schema ?? {}),
          ...(profile.jsonObject ? { response_format: { type: "json_object" } } : {}),
        };
      }
      return next;
    },
    usage(reported) {
      // The common case, a fully compatible report, is passed through untouched.
      if (profile.cachedTokens && typeof reported.prompt_tokens === "number" && typeof reported.completion_tokens === "number") return reported;
      const loose = reported as LooseUsage;
      const prompt = reported.prompt_tokens ?? loose.input_tokens ?? 0;
      const completion = reported.completion_tokens ?? loose.output_tokens ?? 0;
      const normalized: CompletionUsage = { ...reported, prompt_tokens: prompt, completion_tokens: completion, total_tokens: reported.total_tokens ?? prompt + completion };
      if (!profile.cachedTokens) delete normalized.prompt_tokens_details;
      return normalized;
    },
  };
}
