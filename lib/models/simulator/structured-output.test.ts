import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createModelClient } from "../client";

const TASK = "Plan a market analysis of electric cargo bikes for urban delivery companies in Berlin.";

const planSchema: z.core.JSONSchema.JSONSchema = {
  type: "object",
  properties: {
    subtasks: {
      type: "array",
      minItems: 1,
      maxItems: 6,
      items: {
        type: "object",
        properties: {
          title: { type: "string", maxLength: 80 },
          instructions: { type: "string" },
          executor: { type: "string", enum: ["Researcher", "Analyst"] },
        },
        required: ["title", "instructions", "executor"],
        additionalProperties: false,
      },
    },
  },
  required: ["subtasks"],
  additionalProperties: false,
};

const verdictSchema: z.core.JSONSchema.JSONSchema = {
  type: "object",
  properties: {
    verdict: { type: "string", enum: ["approve", "revise"] },
    feedback: { type: "string" },
    output: { type: "string" },
  },
  required: ["verdict", "feedback", "output"],
  additionalProperties: false,
};

type Plan = { subtasks: { title: string; instructions: string; executor: string }[] };

async function structured(client: ReturnType<typeof createModelClient>["client"], schema: object, system: string, user: string) {
  const res = await client.chat.completions.create({
    model: "gpt-5.4",
    messages: [
      { role: "system", content: system },
      { role: "user", content: user },
    ],
    response_format: { type: "json_schema", json_schema: { name: "out", strict: true, schema: schema as Record<string, unknown> } },
  });
  return JSON.parse(res.choices[0].message.content ?? "null") as unknown;
}

describe("structured outputs", () => {
  it("returns a plan that validates and spreads subtasks over the executors offered", async () => {
    const { client } = createModelClient({ simulator: { speed: 0 } });
    const plan = (await structured(client, planSchema, "You are the planner.", TASK)) as Plan;
    expect(z.fromJSONSchema(planSchema).safeParse(plan).success).toBe(true);
    expect(plan.subtasks.length).toBeGreaterThanOrEqual(3);
    expect(plan.subtasks.length).toBeLessThanOrEqual(4);
    expect(new Set(plan.subtasks.map((s) => s.executor))).toEqual(new Set(["Researcher", "Analyst"]));
    expect(new Set(plan.subtasks.map((s) => s.title)).size).toBe(plan.subtasks.length);
    for (const s of plan.subtasks) {
      expect(s.title.split(" ").length).toBeLessThanOrEqual(8);
      expect(s.instructions.split(/[.!?](\s|$)/).filter((x) => x.trim()).length).toBeGreaterThanOrEqual(2);
    }
    expect(JSON.stringify(plan)).toMatch(/cargo bikes|urban delivery companies|Berlin|market analysis/);
  });

  it("sizes arrays by [sim:items=N], clamped to the schema's bounds", async () => {
    const { client } = createModelClient({ simulator: { speed: 0 } });
    const five = (await structured(client, planSchema, "You are the planner.", `${TASK} [sim:items=5]`)) as Plan;
    expect(five.subtasks.map((s) => s.executor)).toEqual(["Researcher", "Analyst", "Researcher", "Analyst", "Researcher"]);
    const clamped = (await structured(client, planSchema, "You are the planner.", `${TASK} [sim:items=40]`)) as Plan;
    expect(clamped.subtasks).toHaveLength(6);
  });

  it("approves by default", async () => {
    const { client } = createModelClient({ simulator: { speed: 0 } });
    for (let i = 0; i < 3; i++) {
      const review = await structured(client, verdictSchema, "You are the reviewer.", `Draft ${i}: ${TASK}`);
      expect(review).toMatchObject({ verdict: "approve" });
    }
  });

  it("asks for revision N times per system prompt with [sim:revise=N], with feedback to match", async () => {
    const { client } = createModelClient({ simulator: { speed: 0 } });
    const verdicts: unknown[] = [];
    let firstFeedback = "";
    for (let pass = 0; pass < 4; pass++) {
      const review = (await structured(client, verdictSchema, "You are the reviewer.", `Draft v${pass}: ${TASK} [sim:revise=2]`)) as {
        verdict: string;
        feedback: string;
      };
      expect(z.fromJSONSchema(verdictSchema).safeParse(review).success).toBe(true);
      if (pass === 0) firstFeedback = review.feedback;
      verdicts.push(review.verdict);
    }
    expect(verdicts).toEqual(["revise", "revise", "approve", "approve"]);
    expect(firstFeedback).toMatch(/expand|thin|tie|check/i);
    // Another reviewer (another system prompt) has its own count.
    const other = await structured(client, verdictSchema, "You are the second reviewer.", `${TASK} [sim:revise=1]`);
    expect(other).toMatchObject({ verdict: "revise" });
  });

  it("answers json_object mode with a JSON object", async () => {
    const { client } = createModelClient({ simulator: { speed: 0 } });
    const res = await client.chat.completions.create({
      model: "gpt-5.4-mini",
      response_format: { type: "json_object" },
      messages: [{ role: "user", content: `${TASK} Reply in JSON.` }],
    });
    const value = JSON.parse(res.choices[0].message.content ?? "");
    expect(typeof value).toBe("object");
    expect(Object.keys(value).length).toBeGreaterThan(0);
  });
});
