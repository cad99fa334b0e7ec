import { APIError, RateLimitError, InternalServerError } from "openai";
import { describe, expect, it } from "vitest";
import { createModelClient } from "../client";

const client = () => createModelClient({ simulator: { speed: 0 } }).client;
const ask = (content: string) => ({ model: "gpt-5.4-mini", messages: [{ role: "user" as const, content }] });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("injected faults", () => {
  it("answers 429 with Retry-After in OpenAI's error shape, then succeeds on retry", async () => {
    const c = client();
    const request = ask("Outline a reading list on climate adaptation. [sim:error=429]");
    const error = await failure(c.chat.completions.create(request));
    expect(error).toBeInstanceOf(RateLimitError);
    const e = error as RateLimitError;
    expect(e.status).toBe(429);
    expect(e.headers?.get("retry-after")).toBe("1");
    expect(e.headers?.get("x-tierflow-simulated")).toBe("1");
    expect(e.code).toBe("rate_limit_exceeded");
    expect(e.message).toMatch(/rate limit/i);

    const retry = await c.chat.completions.create(request);
    expect(retry.choices[0].message.content).toMatch(/climate adaptation/);
  });

  it("fails the first N attempts with xN, counting each distinct request separately", async () => {
    const c = client();
    const request = ask("Summarise the history of tea. [sim:error=500x2]");
    expect(await failure(c.chat.completions.create(request))).toBeInstanceOf(InternalServerError);
    // A different request has its own count.
    expect(await failure(c.chat.completions.create(ask("Summarise the history of coffee. [sim:error=500x2]")))).toBeInstanceOf(
      InternalServerError,
    );
    const second = (await failure(c.chat.completions.create(request))) as APIError;
    expect(second.status).toBe(500);
    expect(second.type).toBe("server_error");
    const third = await c.chat.completions.create(request);
    expect(third.choices[0].finish_reason).toBe("stop");
  });

  it("cuts a stream mid-way so iterating throws, and streams fully on retry", async () => {
    const c = client();
    const request = { ...ask("Explain how tides work. [sim:error=cut]"), stream: true as const };
    const stream = await c.chat.completions.create(request);
    const received: string[] = [];
    let thrown: unknown;
    try {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? "");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as Error).message).toBe("terminated");
    expect(received.length).toBeGreaterThan(1);
    expect(received.join("").length).toBeGreaterThan(0);

    const retry = await c.chat.completions.create(request);
    let text = "";
    let finish = null;
    for await (const chunk of retry) {
      text += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(finish).toBe("stop");
    expect(text.startsWith(received.join(""))).toBe(true);
  });

  it("turns a cut into a 500 for a non-streamed request", async () => {
    const error = (await failure(client().chat.completions.create(ask("Explain how tides work. [sim:error=cut]")))) as APIError;
    expect(error.status).toBe(500);
  });
});
