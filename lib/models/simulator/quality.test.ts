import { describe, expect, it } from "vitest";
import { createModelClient } from "../client";
import { caseDirective, chanceOfRight, wrongAnswer, workloadOf } from "./quality";

describe("the simulator's quality model", () => {
  it("documents a chance per tier, difficulty and workload that falls with tier and difficulty", () => {
    expect(chanceOfRight("flagship", 0, "reasoning")).toBeCloseTo(0.995);
    expect(chanceOfRight("nano", 0.9, "reasoning")).toBeLessThan(chanceOfRight("mini", 0.9, "reasoning"));
    expect(chanceOfRight("mini", 0.9, "reasoning")).toBeLessThan(chanceOfRight("flagship", 0.9, "reasoning"));
    // Light (classification) work barely suffers from a small model.
    expect(chanceOfRight("flagship", 0.9, "light") - chanceOfRight("nano", 0.9, "light")).toBeLessThan(0.1);
    expect(workloadOf("Classify each file by kind.")).toBe("light");
    expect(workloadOf("Write the final documentation.")).toBe("reasoning");
  });

  it("answers the expected output or a wrong one through the SDK, by the tier's chance", async () => {
    const { client } = createModelClient({ simulator: { speed: 0 } });
    const ask = async (model: string, i: number) => {
      const task = `Question ${i}: what is the code? ${caseDirective({ difficulty: 1, expected: `code-${i}` })}`;
      const completion = await client.chat.completions.create({ model, messages: [{ role: "system", content: "Reason it through and answer." }, { role: "user", content: task }] });
      return completion.choices[0].message.content ?? "";
    };
    const right = async (model: string) => {
      let n = 0;
      for (let i = 0; i < 40; i++) if ((await ask(model, i)).includes(`Answer: code-${i}`)) n++;
      return n;
    };
    const flagship = await right("gpt-5.4");
    const nano = await right("gpt-5.4-nano");
    expect(flagship).toBeGreaterThan(32);
    expect(nano).toBeLessThan(20);
    const answer = await ask("gpt-5.4-nano", 1);
    expect(answer).not.toContain("sim:");
    expect(answer.includes("Answer: code-1") || answer.includes(`Answer: ${wrongAnswer("code-1")}`)).toBe(true);
  });

  it("draws the same for a node whatever its upstream wrote, so variants differ only by tier", async () => {
    const { client } = createModelClient({ simulator: { speed: 0 } });
    // Built the way the engine builds an executor's message: the task, then each input under its own heading.
    const verdicts = async (upstream: string) => {
      const out: boolean[] = [];
      for (let i = 0; i < 40; i++) {
        const user = `# Task\n\nRequest ${i}. ${caseDirective({ difficulty: 1, expected: `r-${i}` })}\n\n# Input from Classifier\n\n${upstream} ${i}\n\nAnswer: r-${i}`;
        const completion = await client.chat.completions.create({ model: "gpt-5.4-mini", messages: [{ role: "system", content: "Write the answer." }, { role: "user", content: user }] });
        out.push((completion.choices[0].message.content ?? "").includes(`Answer: r-${i}`));
      }
      return out;
    };
    const a = await verdicts("The category is billing, in these words.");
    expect(a.filter(Boolean).length).toBeGreaterThan(10);
    expect(a.filter(Boolean).length).toBeLessThan(40);
    expect(await verdicts("Billing, said differently and at more length.")).toEqual(a);
  });

  it("leaves requests without a case alone", async () => {
    const { client } = createModelClient({ simulator: { speed: 0 } });
    const completion = await client.chat.completions.create({ model: "gpt-5.4", messages: [{ role: "user", content: "Say hello" }] });
    expect(completion.choices[0].message.content).not.toContain("Answer:");
  });
});
