import { describe, expect, it } from "vitest";
import { assignFunctionNames, mcpToolId, parseMcpToolId } from "./names";

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

describe("MCP tool ids", () => {
  it("round-trip, with colons allowed in the tool name", () => {
    expect(mcpToolId("srv1", "get-sum")).toBe("mcp:srv1:get-sum");
    expect(parseMcpToolId(mcpToolId("srv1", "ns:tool"))).toEqual({ serverId: "srv1", toolName: "ns:tool" });
    expect(parseMcpToolId("calculator")).toBeNull();
    expect(parseMcpToolId("mcp:srv1:")).toBeNull();
  });
});

describe("assignFunctionNames", () => {
  it("gives readable, valid names built from the server and tool", () => {
    const names = assignFunctionNames([{ id: "mcp:a:get-sum", serverName: "Everything server", toolName: "get-sum" }]);
    expect(names.get("mcp:a:get-sum")).toBe("Everything_server__get-sum");
  });

  it("sanitizes, truncates long names with a hash, and never collides with built-ins or each other", () => {
    const long = "t".repeat(120);
    const tools = [
      { id: "mcp:a:x.y", serverName: "srv", toolName: "x.y" },
      { id: "mcp:b:x y", serverName: "srv", toolName: "x y" },
      { id: `mcp:a:${long}`, serverName: "srv", toolName: long },
      { id: `mcp:b:${long}`, serverName: "srv", toolName: long },
      { id: "mcp:c:calc", serverName: "", toolName: "calculator" },
    ];
    const names = assignFunctionNames(tools, ["calculator"]);
    const values = [...names.values()];
    expect(values).toHaveLength(5);
    expect(new Set(values).size).toBe(5);
    for (const name of values) expect(name).toMatch(FUNCTION_NAME);
    expect(values).not.toContain("calculator");
    expect(names.get("mcp:a:x.y")).toBe("srv__x_y");
    expect(names.get("mcp:b:x y")).toMatch(/^srv__x_y_[0-9a-f]{8}$/);
    expect(names.get(`mcp:a:${long}`)).toHaveLength(64);
  });

  it("is deterministic for the same tools", () => {
    const tools = [{ id: "mcp:a:" + "q".repeat(80), serverName: "s", toolName: "q".repeat(80) }];
    expect(assignFunctionNames(tools)).toEqual(assignFunctionNames(tools));
  });
});
