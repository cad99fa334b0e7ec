import { describe, expect, it } from "vitest";
import { toToolRunResult } from "./result";

describe("toToolRunResult", () => {
  it("keeps text, adds structured content as JSON unless a text block already carries it", () => {
    expect(toToolRunResult({ content: [{ type: "text", text: "hi" }], structuredContent: { n: 1 } })).toEqual({ ok: true, output: 'hi\n{"n":1}' });
    expect(toToolRunResult({ content: [{ type: "text", text: '{ "n": 1 }' }], structuredContent: { n: 1 } })).toEqual({ ok: true, output: '{ "n": 1 }' });
  });

  it("describes resources, links and media instead of passing bytes", () => {
    const result = toToolRunResult({
      content: [
        { type: "resource", resource: { uri: "file:///a.txt", text: "alpha" } },
        { type: "resource", resource: { uri: "file:///b.bin", mimeType: "application/zip", blob: "AAAA" } },
        { type: "resource_link", uri: "https://x.test/doc", name: "doc" },
        { type: "image", mimeType: "image/png", data: "AAAAAAAA" },
      ],
    });
    expect(result).toEqual({
      ok: true,
      output: [
        "[resource file:///a.txt]\nalpha",
        "[resource file:///b.bin (application/zip), binary, not shown]",
        "[resource link: doc <https://x.test/doc>]",
        "[image (image/png), 6 bytes, not shown]",
      ].join("\n"),
    });
  });

  it("makes isError a tool error and caps long output", () => {
    expect(toToolRunResult({ content: [{ type: "text", text: "no such city" }], isError: true })).toEqual({ ok: false, error: "no such city" });
    const cut = toToolRunResult({ content: [{ type: "text", text: "abcdef" }] }, 3);
    expect(cut).toEqual({ ok: true, output: "abc\n[Output cut: the first 3 of 6 characters are shown.]" });
  });
});
