import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ROLE_DEFINITIONS, graphSettingsSchema } from "@/lib/graph";
import { optionFields, optionHelp, parseOptionInput } from "./option-fields";

const field = (schema: z.ZodObject, key: string) => optionFields(schema).find((candidate) => candidate.key === key)!;

describe("optionFields", () => {
  it("describes every role's options from its schema, titles and bounds included", () => {
    const executor = optionFields(ROLE_DEFINITIONS.executor.optionsSchema);
    expect(executor.map((option) => option.key)).toEqual(["concurrency", "maxToolCalls", "maxOutputTokens", "temperature"]);
    expect(executor[0]).toMatchObject({ title: "Concurrency", kind: "integer", minimum: 1, maximum: 64, defaultValue: 4, optional: false });
    expect(executor[0].description).toMatch(/at once/);
    expect(executor[3]).toMatchObject({ title: "Temperature", kind: "number", minimum: 0, maximum: 2, optional: true });

    expect(optionFields(ROLE_DEFINITIONS.reviewer.optionsSchema).map((option) => option.title)).toContain("Max revisions");
    expect(optionFields(ROLE_DEFINITIONS.planner.optionsSchema).map((option) => option.title)).toContain("Max subtasks");
    expect(optionFields(graphSettingsSchema)[0]).toMatchObject({ key: "maxConcurrency", title: "Max concurrency" });
  });

  it("reads kinds, enums and missing titles from any object schema", () => {
    const schema = z.object({ verbose: z.boolean().default(false), mode: z.enum(["fast", "careful"]), maxRetries: z.number().int().optional() });
    const fields = optionFields(schema);
    expect(fields.map((option) => [option.key, option.kind, option.title])).toEqual([
      ["verbose", "boolean", "Verbose"],
      ["mode", "enum", "Mode"],
      ["maxRetries", "integer", "Max retries"],
    ]);
    expect(fields[1].values).toEqual(["fast", "careful"]);
  });
});

describe("parseOptionInput", () => {
  const concurrency = field(ROLE_DEFINITIONS.executor.optionsSchema, "concurrency");
  const temperature = field(ROLE_DEFINITIONS.executor.optionsSchema, "temperature");

  it("accepts values within the schema's bounds", () => {
    expect(parseOptionInput(concurrency, "8")).toEqual({ ok: true, value: 8 });
    expect(parseOptionInput(temperature, "0.7")).toEqual({ ok: true, value: 0.7 });
  });

  it("explains what is wrong with other input", () => {
    expect(parseOptionInput(concurrency, "0")).toEqual({ ok: false, message: "Enter a number from 1 to 64." });
    expect(parseOptionInput(concurrency, "2.5")).toEqual({ ok: false, message: "Enter a whole number." });
    expect(parseOptionInput(concurrency, "many")).toEqual({ ok: false, message: "Enter a number." });
    expect(parseOptionInput(concurrency, "")).toEqual({ ok: false, message: "Enter a value (default 4)." });
  });

  it("lets optional fields be emptied", () => {
    expect(parseOptionInput(temperature, " ")).toEqual({ ok: true, value: undefined });
  });
});

describe("optionHelp", () => {
  it("says once, for every role that calls a model, what leaving Temperature empty does", () => {
    for (const definition of Object.values(ROLE_DEFINITIONS).filter((d) => d.usesModel)) {
      const help = optionHelp(field(definition.optionsSchema, "temperature"));
      expect(help).toMatch(/^Sampling temperature/);
      expect(help.match(/leave (it )?empty/gi)).toHaveLength(1);
      expect(help.match(/default/gi)).toHaveLength(1);
    }
  });

  it("adds nothing to a required field's description", () => {
    const concurrency = field(ROLE_DEFINITIONS.executor.optionsSchema, "concurrency");
    expect(optionHelp(concurrency)).toBe(concurrency.description);
  });
});
