import { APIError } from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";

/**
 * Reads a Chat Completions event stream (`data: <json>` events, `data: [DONE]` at the end).
 * The engine reads the raw response itself because the SDK's generic SSE iterator copies its
 * whole byte buffer on every network chunk, which dominated a streamed call's CPU time. Like
 * the SDK it throws an `APIError` for an `error` event and cancels the body when the consumer
 * stops early; unlike it, an abort surfaces as the read's error rather than a silent end.
 */
export async function* readChatChunks(response: Response): AsyncGenerator<ChatCompletionChunk> {
  const body = response.body;
  if (!body) return;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      if (buffer.includes("\r")) buffer = normalizeNewlines(buffer);
      let end: number;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = eventData(block);
        if (data === null) continue;
        if (data.startsWith("[DONE]")) {
          finished = true;
          return;
        }
        yield parseChunk(data, response);
      }
    }
    buffer += decoder.decode();
    const data = eventData(normalizeNewlines(buffer).trim());
    if (data !== null && !data.startsWith("[DONE]")) yield parseChunk(data, response);
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

// A CR at the very end may be the first half of a CRLF split across network chunks: keep it.
function normalizeNewlines(text: string): string {
  const pending = text.endsWith("\r");
  const body = (pending ? text.slice(0, -1) : text).replace(/\r\n?/g, "\n");
  return pending ? `${body}\r` : body;
}

/** The `data` of one event block (several data lines joined by newlines); null when it has none. */
function eventData(block: string): string | null {
  let data: string | null = null;
  for (const line of block.split("\n")) {
    if (!line.startsWith("data:")) continue; // comments (":") and other fields (event, id, retry)
    const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
    data = data === null ? value : `${data}\n${value}`;
  }
  return data;
}

function parseChunk(data: string, response: Response): ChatCompletionChunk {
  const parsed = JSON.parse(data) as ChatCompletionChunk & { error?: object };
  if (parsed && parsed.error) throw new APIError(undefined, parsed.error, undefined, response.headers);
  return parsed;
}
