import { describe, expect, it } from "vitest";
import { z } from "zod";
import { generateInstance } from "./json-schema";
import { createRng } from "./random";
import type { Topic } from "./topic";

const topic: Topic = { phrases: ["solar panels", "roof orientation", "battery storage", "feed-in tariffs"], urls: [], numbers: [] };

function expectValid(schema: Record<string, unknown>, seeds = 20) {
  for (let seed = 0; seed < seeds; seed++) {
    const value = generateInstance(schema, { rng: createRng(seed), topic });
    const result = z.fromJSONSchema(schema as never).safeParse(value);
    expect(result.success, `seed ${seed}: ${JSON.stringify(value)}\n${result.error?.message}`).toBe(true);
  }
}

describe("generateInstance", () => {
  it("fills objects, optional properties, bounded numbers and strings", () => {
    expectValid({
      type: "object",
      properties: {
        name: { type: "string", minLength: 3, maxLength: 12 },
        summary: { type: "string", maxLength: 60 },
        score: { type: "integer", minimum: 1, maximum: 5 },
        ratio: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 },
        step: { type: "number", minimum: 0, maximum: 10, multipleOf: 0.5 },
        big: { type: "integer", minimum: 1000 },
        negative: { type: "number", maximum: -5 },
        done: { type: "boolean" },
        nothing: { type: "null" },
        note: { type: "string" },
      },
      required: ["name", "score"],
      additionalProperties: false,
    });
  });

  it("handles arrays with bounds, enums, nullable unions, refs and nesting", () => {
    expectValid({
      type: "object",
      $defs: { Source: { type: "object", properties: { url: { type: "string", format: "uri" }, title: { type: "string" } }, required: ["url", "title"] } },
      properties: {
        tags: { type: "array", items: { type: "string", enum: ["a", "b", "c"] }, minItems: 2, maxItems: 2, uniqueItems: true },
        sources: { type: "array", items: { $ref: "#/$defs/Source" }, minItems: 1 },
        maybe: { anyOf: [{ type: "string", maxLength: 5 }, { type: "null" }] },
        nullableNumber: { type: ["number", "null"], minimum: 2, maximum: 3 },
        kind: { const: "report" },
        when: { type: "string", format: "date-time" },
        email: { type: "string", format: "email" },
        nested: {
          type: "object",
          properties: { deeper: { type: "object", properties: { list: { type: "array", items: { type: "integer" }, maxItems: 1 } }, required: ["list"] } },
          required: ["deeper"],
        },
        combined: { allOf: [{ type: "object", properties: { a: { type: "string" } }, required: ["a"] }, { properties: { b: { type: "integer", minimum: 0 } }, required: ["b"] }] },
      },
      required: ["tags", "sources", "maybe", "nullableNumber", "kind", "when", "email", "nested", "combined"],
      additionalProperties: false,
    });
  });

  it("terminates on recursive schemas", () => {
    expectValid(
      {
        type: "object",
        properties: { label: { type: "string" }, children: { type: "array", items: { $ref: "#" } } },
        required: ["label", "children"],
      },
      3,
    );
  });

  it("phrases strings by field name and varies them by item", () => {
    const value = generateInstance(
      { type: "array", minItems: 3, maxItems: 3, items: { type: "object", properties: { title: { type: "string" }, feedback: { type: "string" } } } },
      { rng: createRng(1), topic, verdict: "revise" },
    ) as { title: string; feedback: string }[];
    expect(new Set(value.map((v) => v.title)).size).toBe(3);
    for (const v of value) {
      expect(v.title.split(" ").length).toBeLessThanOrEqual(6);
      expect(v.feedback.length).toBeGreaterThan(40);
      expect(v.feedback).toMatch(/solar panels|roof orientation|battery storage|feed-in tariffs/);
    }
  });
});
