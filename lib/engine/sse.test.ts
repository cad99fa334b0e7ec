import { APIError } from "openai";
import { describe, expect, it } from "vitest";
import { readChatChunks } from "./sse";

/** A response whose body arrives in the given pieces (split anywhere, even inside a character). */
function streamed(pieces: (string | Uint8Array)[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(typeof piece === "string" ? encoder.encode(piece) : piece);
      controller.close();
    },
  });
  return new Response(body);
}

async function collect(response: Response) {
  const out: unknown[] = [];
  for await (const chunk of readChatChunks(response)) out.push(chunk);
  return out;
}

describe("readChatChunks", () => {
  it("parses events split across network chunks, CRLF included, ignoring comments and other fields", async () => {
    const euro = new TextEncoder().encode('data: {"text":"€"}\r\n\r\n');
    const cut = euro.indexOf(0xe2) + 1; // inside the three bytes of "€"
    const response = streamed([
      ': keep-alive\n\ndata: {"a"',
      ":1}\n\nevent: chunk\nid: 7\ndata: {\"b\":2}\r",
      "\n\r\n",
      euro.slice(0, cut),
      euro.slice(cut),
      "data: [DONE]\n\n",
      'data: {"after":"done"}\n\n',
    ]);
    expect(await collect(response)).toEqual([{ a: 1 }, { b: 2 }, { text: "€" }]);
  });

  it("joins multi-line data and reads a last event without a trailing blank line", async () => {
    expect(await collect(streamed(['data: {"a":\ndata: 1}\n\n', 'data: {"b":2}']))).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it("throws the provider's error event as an APIError", async () => {
    const response = streamed(['data: {"a":1}\n\n', 'data: {"error":{"message":"overloaded","type":"server_error"}}\n\n']);
    const chunks: unknown[] = [];
    await expect(async () => {
      for await (const chunk of readChatChunks(response)) chunks.push(chunk);
    }).rejects.toBeInstanceOf(APIError);
    expect(chunks).toEqual([{ a: 1 }]);
  });

  it("cancels the body when the reader stops early", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('data: {"n":1}\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const chunk of readChatChunks(new Response(body))) {
      expect(chunk).toEqual({ n: 1 });
      break;
    }
    expect(cancelled).toBe(true);
  });
});
