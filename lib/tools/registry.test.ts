import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { calculatorTool } from "./calculator";
import { createToolRecord, executeTool, getTool, listTools, runTool, TOOL_NAMES, toOpenAITool, TOOLS } from "./registry";
import { defineTool } from "./types";

const live = () => ({ signal: new AbortController().signal });

const bookingTool = defineTool({
  name: "book_room",
  title: "Book room",
  description: "Books a meeting room.",
  parameters: z.object({
    room: z.string().min(1).describe("Room name"),
    people: z.number().int().positive(),
    notes: z.string().default(""),
  }),
  async execute({ room, people, notes }) {
    return `Booked ${room} for ${people}${notes ? ` (${notes})` : ""}`;
  },
});

const waitingTool = defineTool({
  name: "wait_for_abort",
  title: "Wait",
  description: "Waits until cancelled.",
  parameters: z.object({}),
  execute: (_args, ctx) =>
    new Promise<string>((_resolve, reject) => {
      ctx.signal.addEventListener("abort", () => reject(new DOMException("This operation was aborted", "AbortError")), { once: true });
    }),
});

describe("tool registry", () => {
  it("registers the built-in tools by name", () => {
    expect(TOOL_NAMES).toEqual(["calculator", "fetch_url", "list_files", "read_file", "search_files"]);
    expect(Object.keys(TOOLS)).toEqual(["calculator", "fetch_url", "list_files", "read_file", "search_files"]);
    expect(getTool("calculator")).toBe(calculatorTool);
    expect(getTool("nope")).toBeUndefined();
    expect(getTool("constructor")).toBeUndefined();
    expect(getTool("__proto__")).toBeUndefined();
  });

  it("throws on duplicate or malformed names", () => {
    expect(() => createToolRecord([bookingTool, { ...calculatorTool, name: "book_room" }])).toThrow('Duplicate tool name "book_room"');
    expect(() => createToolRecord([{ ...bookingTool, name: "book room!" }])).toThrow(/Invalid tool name/);
  });

  it("lists tools with JSON-schema parameters for the API and inspector", () => {
    const tools = listTools();
    expect(tools.map((t) => t.name)).toEqual(["calculator", "fetch_url", "list_files", "read_file", "search_files"]);
    const calculator = tools[0];
    expect(calculator.title).toBe("Calculator");
    expect(calculator.parameters).toEqual({
      type: "object",
      properties: { expression: expect.objectContaining({ type: "string", maxLength: 500, minLength: 1 }) },
      required: ["expression"],
    });
    const fetchUrl = tools[1];
    expect(fetchUrl.parameters).toMatchObject({ properties: { url: { type: "string", format: "uri" } }, required: ["url"] });
    expect(JSON.stringify(tools)).not.toContain("$schema");
  });

  it("converts a tool to the Chat Completions function-tool shape", () => {
    expect(toOpenAITool(bookingTool)).toEqual({
      type: "function",
      function: {
        name: "book_room",
        description: "Books a meeting room.",
        parameters: {
          type: "object",
          properties: {
            room: { type: "string", minLength: 1, description: "Room name" },
            people: { type: "integer", exclusiveMinimum: 0, maximum: Number.MAX_SAFE_INTEGER },
            notes: { type: "string", default: "" },
          },
          // Fields with defaults are optional for the model.
          required: ["room", "people"],
        },
      },
    });
  });
});

describe("runTool", () => {
  it("parses, validates and runs", async () => {
    await expect(runTool("calculator", '{"expression":"6 * 7"}', live())).resolves.toEqual({ ok: true, output: "42" });
    await expect(executeTool(bookingTool, '{"room":"Orca","people":4}', live())).resolves.toEqual({ ok: true, output: "Booked Orca for 4" });
  });

  it("explains invalid JSON", async () => {
    const result = await runTool("calculator", "{expression: 1+1}", live());
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^Arguments for tool "calculator" are not valid JSON/) });
  });

  it("lists every bad field so the model can fix them", async () => {
    const result = await executeTool(bookingTool, '{"room":"","people":"four"}', live());
    expect(result.ok).toBe(false);
    const error = result.ok ? "" : result.error;
    expect(error).toMatch(/^Invalid arguments for tool "book_room":/);
    expect(error).toMatch(/- room: .*>=1 characters/);
    expect(error).toMatch(/- people: Invalid input: expected number, received string/);
  });

  it("reports missing, mistyped and too long calculator input", async () => {
    await expect(runTool("calculator", "{}", live())).resolves.toEqual({
      ok: false,
      error: 'Invalid arguments for tool "calculator":\n- expression: Invalid input: expected string, received undefined',
    });
    await expect(runTool("calculator", "[1]", live())).resolves.toMatchObject({ ok: false, error: expect.stringContaining("(arguments)") });
    const long = JSON.stringify({ expression: "1+".repeat(300) + "1" });
    await expect(runTool("calculator", long, live())).resolves.toMatchObject({ ok: false, error: expect.stringMatching(/expression: Too big/) });
  });

  it("treats empty arguments as an empty object", async () => {
    const result = await executeTool(bookingTool, "", live());
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("- room:") });
  });

  it("turns tool failures into { ok: false } with the tool's message", async () => {
    await expect(runTool("calculator", '{"expression":"evaluate(\\"1\\")"}', live())).resolves.toEqual({
      ok: false,
      error: 'Could not evaluate "evaluate("1")": Function evaluate is not available in the calculator',
    });
    await expect(runTool("fetch_url", '{"url":"http://127.0.0.1:9/"}', live())).resolves.toMatchObject({
      ok: false,
      error: expect.stringMatching(/Refused to connect to 127\.0\.0\.1:9: 127\.0\.0\.1 is a loopback address/),
    });
  });

  it("names the available tools when the model invents one", async () => {
    await expect(runTool("web_search", "{}", live())).resolves.toEqual({
      ok: false,
      error: 'Unknown tool "web_search". Available tools: calculator, fetch_url, list_files, read_file, search_files',
    });
  });

  it("re-throws an AbortError when the run is cancelled mid-call", async () => {
    const controller = new AbortController();
    const pending = executeTool(waitingTool, "{}", { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("throws an AbortError instead of starting when already cancelled", async () => {
    const controller = new AbortController();
    controller.abort(new Error("user pressed stop"));
    await expect(runTool("calculator", '{"expression":"1"}', { signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
      message: "user pressed stop",
    });
  });

  it("stops a hanging fetch_url with an AbortError", async () => {
    const server = http.createServer(() => {
      // Never answers.
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const controller = new AbortController();
      const pending = runTool("fetch_url", JSON.stringify({ url: `http://127.0.0.1:${port}/` }), {
        signal: controller.signal,
        fetchAllowHosts: [`127.0.0.1:${port}`],
      });
      setTimeout(() => controller.abort(), 50);
      await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
