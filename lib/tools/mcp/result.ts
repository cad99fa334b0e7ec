import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ToolRunResult } from "../registry";

/** Most characters of one result the model gets; more is cut, and the model is told. */
export const DEFAULT_MCP_OUTPUT_CHARS = 20_000;

type ContentBlock = CallToolResult["content"][number];

function describeBlock(block: ContentBlock): string {
  switch (block.type) {
    case "text":
      return block.text;
    case "image":
      return `[image (${block.mimeType}), ${approximateBytes(block.data)} bytes, not shown]`;
    case "audio":
      return `[audio (${block.mimeType}), ${approximateBytes(block.data)} bytes, not shown]`;
    case "resource_link":
      return `[resource link: ${block.name ?? block.uri} <${block.uri}>${block.description ? ` ${block.description}` : ""}]`;
    case "resource": {
      const { resource } = block;
      if ("text" in resource && typeof resource.text === "string") return `[resource ${resource.uri}]\n${resource.text}`;
      return `[resource ${resource.uri}${resource.mimeType ? ` (${resource.mimeType})` : ""}, binary, not shown]`;
    }
    default:
      return `[${(block as { type: string }).type} content, not shown]`;
  }
}

function approximateBytes(base64: string): number {
  return Math.floor((base64.length * 3) / 4);
}

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}

/** Cuts `text` to `maxChars`, saying so at the end, so the model knows it saw only part. */
export function capOutput(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}\n[Output cut: the first ${maxChars} of ${text.length} characters are shown.]`;
}

/**
 * The text the model reads for an MCP tool result: text as text, structured content as JSON
 * (unless a text block already carries it), resources and links as text, media as a note.
 * `isError` results become `{ ok: false }` so the model sees a tool error.
 */
export function toToolRunResult(result: CallToolResult, maxChars = DEFAULT_MCP_OUTPUT_CHARS): ToolRunResult {
  const blocks = result.content ?? [];
  const parts = blocks.map(describeBlock);
  const structured = result.structuredContent;
  if (structured !== undefined && !blocks.some((block) => block.type === "text" && sameJson(block.text, structured))) {
    parts.push(JSON.stringify(structured));
  }
  const text = capOutput(parts.join("\n"), maxChars);
  if (result.isError) return { ok: false, error: text || "The tool reported an error without a message" };
  return { ok: true, output: text };
}
